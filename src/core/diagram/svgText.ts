/**
 * Text and geometry into SVG markup: every user string goes through `escapeXml` (which also drops
 * bidi controls and characters XML cannot hold), numbers are rounded to a tenth, and paths are
 * drawn with rounded bends or as a smooth curve.
 */
import type { Point } from './types';

// Bidi controls (they can make text read differently from what it is), and characters XML 1.0
// does not allow (C0 controls other than tab/newline, lone surrogates, U+FFFE/U+FFFF).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Removes bidi controls and characters XML cannot hold. */
export function stripUnsafe(text: string): string {
  return text.replace(UNSAFE, '');
}

// Anything escapeXml has to touch; text without it is returned as is (the common case).
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes text for XML content and attribute values. */
export function escapeXml(value: unknown): string {
  const text = String(value);
  if (!NEEDS_WORK.test(text)) return text;
  return stripUnsafe(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export const n = (v: number): string => String(Math.round(v * 10) / 10);

/** A path through orthogonal points with rounded bends. */
export function roundedPath(points: readonly Point[], radius = 6): string {
  if (points.length === 0) return '';
  let d = `M${n(points[0].x)} ${n(points[0].y)}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i];
    if (i === points.length - 1) {
      d += ` L${n(p.x)} ${n(p.y)}`;
      break;
    }
    const prev = points[i - 1];
    const next = points[i + 1];
    const inLen = Math.hypot(p.x - prev.x, p.y - prev.y);
    const outLen = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(radius, inLen / 2, outLen / 2);
    if (r < 0.5) {
      d += ` L${n(p.x)} ${n(p.y)}`;
      continue;
    }
    const a = { x: p.x - ((p.x - prev.x) / inLen) * r, y: p.y - ((p.y - prev.y) / inLen) * r };
    const b = { x: p.x + ((next.x - p.x) / outLen) * r, y: p.y + ((next.y - p.y) / outLen) * r };
    d += ` L${n(a.x)} ${n(a.y)} Q${n(p.x)} ${n(p.y)} ${n(b.x)} ${n(b.y)}`;
  }
  return d;
}

/** A smooth curve through points sorted by x (monotone cubic, so it never overshoots). */
export function smoothPath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  if (points.length === 1) return `M${n(points[0].x)} ${n(points[0].y)}`;
  const m: number[] = [];
  const k = points.length;
  const dx: number[] = [];
  const slope: number[] = [];
  for (let i = 0; i < k - 1; i++) {
    dx[i] = points[i + 1].x - points[i].x;
    slope[i] = dx[i] === 0 ? 0 : (points[i + 1].y - points[i].y) / dx[i];
  }
  m[0] = slope[0];
  m[k - 1] = slope[k - 2];
  for (let i = 1; i < k - 1; i++) m[i] = slope[i - 1] * slope[i] <= 0 ? 0 : (slope[i - 1] + slope[i]) / 2;
  let d = `M${n(points[0].x)} ${n(points[0].y)}`;
  for (let i = 0; i < k - 1; i++) {
    const p = points[i];
    const q = points[i + 1];
    if (dx[i] === 0) { d += ` L${n(q.x)} ${n(q.y)}`; continue; }
    const h = dx[i] / 3;
    d += ` C${n(p.x + h)} ${n(p.y + m[i] * h)} ${n(q.x - h)} ${n(q.y - m[i + 1] * h)} ${n(q.x)} ${n(q.y)}`;
  }
  return d;
}
