/**
 * Layout -> a self-contained SVG string: presentation attributes only (no `style` attributes, no
 * `<style>`, no scripts, no foreignObject), so it opens in any SVG viewer and passes a webview CSP
 * that forbids inline styles. Every user string goes through `escapeXml`.
 *
 * Structure, for the webview's keyed patching: the root holds layer groups with `data-key`
 * (`background`, `stages`, `lanes`, `curve`, `flows`, `handoffs`, `cards`, `legend`); each item in
 * a layer is a group or element with its own `data-key`. Cards carry `data-id`, `data-line`,
 * `data-lane` and `data-stage`.
 */
import type { LaneKind } from './model';
import type { Card, FlowEdge, HandoffEdge, Layout, Point } from './layout/types';
import { FLOW_PORT_DY, METRICS } from './layout';
import { ellipsize } from './layout/text';

export interface SvgTheme {
  name: string;
  fontFamily: string;
  background: string;
  foreground: string;
  muted: string;
  border: string;
  stageFill: string;
  stageFillAlt: string;
  laneFill: Record<LaneKind, string>;
  laneAccent: Record<LaneKind, string>;
  cardFill: string;
  cardStroke: string;
  cardText: string;
  flow: string;
  loop: string;
  handoff: string;
  alert: string;
  meets: string;
  misses: string;
  noTarget: string;
  pain: string;
  visibility: string;
  curve: string;
  curveFill: string;
  positive: string;
  negative: string;
  neutral: string;
  /** Text drawn on coloured chips. */
  onAccent: string;
  highlight: string;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Helvetica Neue', Arial, sans-serif";

export const LIGHT_THEME: SvgTheme = {
  name: 'light', fontFamily: FONT,
  background: '#ffffff', foreground: '#1f2328', muted: '#59636e', border: '#d1d9e0',
  stageFill: '#f6f8fa', stageFillAlt: '#eef1f5',
  laneFill: { customer: '#eef6ff', frontstage: '#f3f9f1', backstage: '#faf6ee', system: '#f4f2f8' },
  laneAccent: { customer: '#0969da', frontstage: '#1a7f37', backstage: '#9a6700', system: '#8250df' },
  cardFill: '#ffffff', cardStroke: '#c5ced8', cardText: '#1f2328',
  flow: '#57606a', loop: '#bc4c00', handoff: '#0969da', alert: '#cf222e',
  meets: '#1a7f37', misses: '#cf222e', noTarget: '#6e7781', pain: '#cf222e',
  visibility: '#8c959f', curve: '#0969da', curveFill: '#0969da', positive: '#1a7f37', negative: '#cf222e', neutral: '#6e7781',
  onAccent: '#ffffff', highlight: '#fb8500',
};

export const DARK_THEME: SvgTheme = {
  name: 'dark', fontFamily: FONT,
  background: '#1e1e1e', foreground: '#e6edf3', muted: '#9198a1', border: '#3d444d',
  stageFill: '#252526', stageFillAlt: '#2a2d2e',
  laneFill: { customer: '#1b2a3a', frontstage: '#1c2b22', backstage: '#2e2a1f', system: '#28233a' },
  laneAccent: { customer: '#4493f8', frontstage: '#3fb950', backstage: '#d29922', system: '#ab7df8' },
  cardFill: '#2d2d30', cardStroke: '#4d535b', cardText: '#e6edf3',
  flow: '#9198a1', loop: '#f0883e', handoff: '#4493f8', alert: '#f85149',
  meets: '#3fb950', misses: '#f85149', noTarget: '#9198a1', pain: '#ff7b72',
  visibility: '#768390', curve: '#4493f8', curveFill: '#4493f8', positive: '#3fb950', negative: '#f85149', neutral: '#9198a1',
  onAccent: '#ffffff', highlight: '#f0b72f',
};

export const THEMES: Record<'light' | 'dark', SvgTheme> = { light: LIGHT_THEME, dark: DARK_THEME };

export interface RenderOptions {
  theme?: SvgTheme;
  /** Add a `<title>` to each card (native tooltips); the webview draws its own. Default true. */
  cardTitles?: boolean;
}

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

const n = (v: number): string => String(Math.round(v * 10) / 10);

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
function smoothPath(points: readonly Point[]): string {
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

function feelsColor(theme: SvgTheme, feels: number): string {
  return feels > 0 ? theme.positive : feels < 0 ? theme.negative : theme.neutral;
}

function feelsText(feels: number): string {
  return feels > 0 ? `+${feels}` : feels < 0 ? `\u2212${-feels}` : '0';
}

function statusColor(theme: SvgTheme, status: string): string {
  return status === 'meets' ? theme.meets : status === 'misses' ? theme.misses : theme.noTarget;
}

const STATUS_WORD: Record<string, string> = { meets: 'meets target', misses: 'misses target', 'no-target': 'no target', 'no-value': 'no value' };

/** A top-level element of the SVG that is not a layer (title, desc, defs, legend). */
export interface SvgLeaf {
  kind: 'leaf';
  key?: string;
  markup: string;
}

/** A layer: a `<g data-key>` whose items are patched one by one (keyed by data-key, or by position). */
export interface SvgLayer {
  kind: 'layer';
  key: string;
  open: string;
  items: { key?: string; markup: string }[];
  close: string;
}

/** The SVG in parts, for the webview's patching: joined, it is exactly `renderSvg`'s string. */
export interface SvgParts {
  open: string;
  children: (SvgLeaf | SvgLayer)[];
  close: string;
}

export function joinSvg(parts: SvgParts): string {
  const out: string[] = [parts.open];
  for (const child of parts.children) {
    if (child.kind === 'leaf') out.push(child.markup);
    else {
      out.push(child.open);
      for (const item of child.items) out.push(item.markup);
      out.push(child.close);
    }
  }
  out.push(parts.close);
  return out.join('');
}

export function renderSvg(layout: Layout, options: RenderOptions = {}): string {
  return joinSvg(renderSvgParts(layout, options));
}

export function renderSvgParts(layout: Layout, options: RenderOptions = {}): SvgParts {
  const t = options.theme ?? LIGHT_THEME;
  const cardTitles = options.cardTitles ?? true;
  const M = METRICS;
  const w = layout.width;
  const h = layout.height;
  const parts: SvgParts = { open: '', children: [], close: '</svg>' };
  let layerNow: SvgLayer | undefined;
  const leaf = (markup: string, key?: string) => { parts.children.push({ kind: 'leaf', key, markup }); };
  const layer = (key: string, attrs = '') => {
    layerNow = { kind: 'layer', key, open: `<g data-key="${key}"${attrs}>`, items: [], close: '</g>' };
    parts.children.push(layerNow);
  };
  const item = (markup: string, key?: string) => { layerNow!.items.push({ key, markup }); };
  let buf: string[] = [];
  const out = { push: (s: string) => { buf.push(s); } };
  const flush = (key?: string) => { item(buf.join(''), key); buf = []; };

  parts.open = `<svg xmlns="http://www.w3.org/2000/svg" class="jm-diagram" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="jm-title" font-family="${escapeXml(t.fontFamily)}" font-size="${M.fontSize}" data-theme="${escapeXml(t.name)}">`;
  leaf(`<title id="jm-title">${escapeXml(layout.title)}</title>`);
  if (layout.subtitleLines.length) leaf(`<desc>${escapeXml(layout.subtitleLines.join(' '))}</desc>`);
  leaf(defs(t));

  // Background, title, subtitle.
  layer('background');
  item(`<rect class="jm-bg" x="0" y="0" width="${w}" height="${h}" fill="${escapeXml(t.background)}"/>`);
  // A title wider than the diagram is cut with an ellipsis (the full text is the SVG's <title>).
  const shownTitle = ellipsize(layout.title, Math.max(80, w - 2 * M.margin), M.titleSize, true);
  item(`<text class="jm-title" x="${M.margin}" y="${M.margin + M.titleSize - 4}" font-size="${M.titleSize}" font-weight="700" fill="${escapeXml(t.foreground)}">${escapeXml(shownTitle)}</text>`);
  layout.subtitleLines.forEach((line, i) => {
    item(`<text class="jm-subtitle" x="${M.margin}" y="${M.margin + M.titleSize + 14 + i * 17}" font-size="${M.subtitleSize}" fill="${escapeXml(t.muted)}">${escapeXml(line)}</text>`);
  });

  // Stage columns and headers.
  layer('stages', ' data-layer="stages"');
  const gridBottom = layout.grid.y + layout.grid.height;
  for (const st of layout.stages) {
    const fill = st.index % 2 === 0 ? t.stageFill : t.stageFillAlt;
    const key = `stage:${escapeXml(st.key)}`;
    out.push(`<g data-key="${key}" class="jm-stage" data-line="${st.line}" data-stage="${escapeXml(st.key)}">`);
    out.push(`<rect x="${n(st.x)}" y="${n(st.y)}" width="${n(st.width)}" height="${n(gridBottom - st.y)}" fill="${escapeXml(fill)}"/>`);
    out.push(`<line x1="${n(st.x)}" y1="${n(st.y)}" x2="${n(st.x)}" y2="${n(gridBottom)}" stroke="${escapeXml(t.border)}" stroke-width="1"/>`);
    st.labelLines.forEach((line, i) => {
      out.push(`<text x="${n(st.x + 12)}" y="${n(st.y + 22 + i * 16)}" font-size="${M.stageHeaderSize}" font-weight="700" fill="${escapeXml(t.foreground)}">${escapeXml(line)}</text>`);
    });
    const count = `${st.index + 1} · ${st.touchpointCount} touchpoint${st.touchpointCount === 1 ? '' : 's'}`;
    out.push(`<text x="${n(st.x + 12)}" y="${n(st.y + 22 + st.labelLines.length * 16 + 2)}" font-size="${M.smallSize}" fill="${escapeXml(t.muted)}">${escapeXml(count)}</text>`);
    out.push('</g>');
    flush(key);
  }

  // Lane bands and labels.
  layer('lanes', ' data-layer="lanes"');
  for (const lane of layout.lanes) {
    const key = `lane:${escapeXml(lane.key)}`;
    out.push(`<g data-key="${key}" class="jm-lane" data-lane="${escapeXml(lane.key)}" data-line="${lane.line}" data-kind="${lane.kind}">`);
    out.push(`<rect x="${n(lane.x)}" y="${n(lane.y)}" width="${n(lane.width)}" height="${n(lane.height)}" fill="${escapeXml(t.laneFill[lane.kind])}" fill-opacity="0.75"/>`);
    out.push(`<line x1="${n(lane.x)}" y1="${n(lane.y)}" x2="${n(lane.x + lane.width)}" y2="${n(lane.y)}" stroke="${escapeXml(t.border)}" stroke-width="1"/>`);
    out.push(`<rect x="${n(lane.x)}" y="${n(lane.y)}" width="4" height="${n(lane.height)}" fill="${escapeXml(t.laneAccent[lane.kind])}"/>`);
    let ly = lane.y + 24;
    for (const line of lane.labelLines) {
      out.push(`<text x="${n(lane.x + 14)}" y="${n(ly)}" font-size="${M.laneLabelSize}" font-weight="700" fill="${escapeXml(t.foreground)}">${escapeXml(line)}</text>`);
      ly += 16;
    }
    out.push(`<text x="${n(lane.x + 14)}" y="${n(ly)}" font-size="${M.smallSize}" font-weight="600" letter-spacing="0.6" fill="${escapeXml(t.laneAccent[lane.kind])}">${escapeXml(lane.kind.toUpperCase())}</text>`);
    if (lane.team) out.push(`<text x="${n(lane.x + 14)}" y="${n(ly + 14)}" font-size="${M.smallSize}" fill="${escapeXml(t.muted)}">${escapeXml(lane.team)}</text>`);
    out.push('</g>');
    flush(key);
  }
  const last = layout.lanes[layout.lanes.length - 1];
  if (last) item(`<line data-key="lanes-end" x1="${n(last.x)}" y1="${n(last.y + last.height)}" x2="${n(last.x + last.width)}" y2="${n(last.y + last.height)}" stroke="${escapeXml(t.border)}" stroke-width="1"/>`, 'lanes-end');
  if (layout.visibilityY !== undefined) {
    const vy = layout.visibilityY;
    const x1 = M.margin;
    const x2 = layout.grid.x + layout.grid.width;
    out.push(`<g data-key="visibility" class="jm-visibility"><line x1="${n(x1)}" y1="${n(vy)}" x2="${n(x2)}" y2="${n(vy)}" stroke="${escapeXml(t.visibility)}" stroke-width="2" stroke-dasharray="10 5"/>`);
    out.push(`<rect x="${n(x1 + 8)}" y="${n(vy - 8)}" width="118" height="16" rx="8" fill="${escapeXml(t.background)}" stroke="${escapeXml(t.visibility)}"/>`);
    out.push(`<text x="${n(x1 + 67)}" y="${n(vy + 4)}" text-anchor="middle" font-size="${M.smallSize}" font-weight="600" fill="${escapeXml(t.muted)}">line of visibility</text></g>`);
    flush('visibility');
  }

  // Emotion curve.
  if (layout.curve) {
    const c = layout.curve;
    layer('curve', ' data-layer="curve" class="jm-curve"');
    item(`<rect x="${n(M.margin)}" y="${n(c.y)}" width="${n(c.x + c.width - M.margin)}" height="${n(c.height)}" fill="${escapeXml(t.background)}" fill-opacity="0.55"/>`);
    item(`<line x1="${n(M.margin)}" y1="${n(c.y)}" x2="${n(c.x + c.width)}" y2="${n(c.y)}" stroke="${escapeXml(t.border)}"/>`);
    item(`<text x="${n(M.margin + 14)}" y="${n(c.y + 24)}" font-size="${M.laneLabelSize}" font-weight="700" fill="${escapeXml(t.foreground)}">Customer emotion</text>`);
    item(`<text x="${n(M.margin + 14)}" y="${n(c.y + 40)}" font-size="${M.smallSize}" fill="${escapeXml(t.muted)}">feels, \u22123 to +3</text>`);
    for (const v of [3, 0, -3]) {
      const y = c.zeroY - v * c.unit;
      item(`<line x1="${n(c.x)}" y1="${n(y)}" x2="${n(c.x + c.width)}" y2="${n(y)}" stroke="${escapeXml(v === 0 ? t.muted : t.border)}" stroke-width="1" stroke-dasharray="${v === 0 ? '4 4' : '2 6'}"/>`);
      item(`<text x="${n(c.x + 6)}" y="${n(y - 3)}" font-size="${M.smallSize - 1}" fill="${escapeXml(t.muted)}">${feelsText(v)}</text>`);
    }
    if (c.points.length > 1) {
      const path = smoothPath(c.points);
      const first = c.points[0];
      const lastPoint = c.points[c.points.length - 1];
      item(`<path d="${path} L${n(lastPoint.x)} ${n(c.zeroY)} L${n(first.x)} ${n(c.zeroY)} Z" fill="${escapeXml(t.curveFill)}" fill-opacity="0.10" stroke="none"/>`);
      item(`<path class="jm-curve-line" d="${path}" fill="none" stroke="${escapeXml(t.curve)}" stroke-width="2.5" stroke-linecap="round"/>`);
    }
    for (const p of c.points) {
      const color = feelsColor(t, p.feels);
      const key = `feels:${escapeXml(p.key)}`;
      out.push(`<g class="jm-curve-point" data-key="${key}" data-id="${escapeXml(p.key)}" data-line="${p.line}" data-feels="${p.feels}">`);
      out.push(`<title>${escapeXml(`${p.name}: feels ${feelsText(p.feels)}`)}</title>`);
      out.push(`<circle cx="${n(p.x)}" cy="${n(p.y)}" r="6" fill="${escapeXml(color)}" stroke="${escapeXml(t.background)}" stroke-width="2"/>`);
      const above = p.feels >= 0;
      out.push(`<text x="${n(p.x)}" y="${n(above ? p.y - 10 : p.y + 17)}" text-anchor="middle" font-size="${M.smallSize}" font-weight="700" fill="${escapeXml(color)}">${feelsText(p.feels)}</text>`);
      out.push('</g>');
      flush(key);
    }
  }

  // Flow edges.
  layer('flows', ' data-layer="flows" fill="none"');
  for (const e of layout.flows) item(flowEdge(e, t), `flow:${escapeXml(e.key)}`);

  // Cards.
  layer('cards', ' data-layer="cards"');
  for (const card of layout.cards) item(cardSvg(card, t, cardTitles), `card:${escapeXml(card.key)}`);

  // Handoffs above the cards' layer (their routes avoid cards; labels sit in free gutters).
  layer('handoffs', ' data-layer="handoffs"');
  for (const hnd of layout.handoffs) item(handoffEdge(hnd, t), escapeXml(hnd.key));

  leaf(legend(layout, t), 'legend');
  return parts;
}

function defs(t: SvgTheme): string {
  const marker = (id: string, color: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${escapeXml(color)}"/></marker>`;
  return `<defs>${marker('jm-arrow', t.flow)}${marker('jm-arrow-loop', t.loop)}${marker('jm-arrow-handoff', t.handoff)}${marker('jm-arrow-alert', t.alert)}</defs>`;
}

function flowEdge(e: FlowEdge, t: SvgTheme): string {
  const loop = e.kind === 'loop';
  const color = loop ? t.loop : t.flow;
  const attrs = loop ? ' stroke-width="2" stroke-dasharray="2 4" stroke-linecap="round"' : ` stroke-width="1.5"${e.implicit ? ' stroke-opacity="0.8"' : ''}`;
  return `<path class="jm-flow jm-${e.kind}" data-key="flow:${escapeXml(e.key)}" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}" data-line="${e.line}" d="${roundedPath(e.points)}" stroke="${escapeXml(color)}"${attrs} marker-end="url(#${loop ? 'jm-arrow-loop' : 'jm-arrow'})"/>`;
}

function handoffEdge(hnd: HandoffEdge, t: SvgTheme): string {
  const color = hnd.alert ? t.alert : t.handoff;
  const parts: string[] = [];
  parts.push(`<g class="jm-handoff${hnd.alert ? ' jm-alert' : ''}" data-key="${escapeXml(hnd.key)}" data-from="${escapeXml(hnd.from)}" data-to="${escapeXml(hnd.to)}" data-line="${hnd.line}">`);
  const why = [hnd.notifiesCustomer ? 'notifies the customer' : 'does not notify the customer', hnd.overSla ? 'waits longer than its SLA' : ''].filter(Boolean).join('; ');
  parts.push(`<title>${escapeXml(`Handoff ${hnd.from} \u2192 ${hnd.to}: ${hnd.label} (${why})${hnd.note ? `. ${hnd.note}` : ''}`)}</title>`);
  parts.push(`<path d="${roundedPath(hnd.points)}" fill="none" stroke="${escapeXml(color)}" stroke-width="${hnd.alert ? 2 : 1.6}" stroke-dasharray="7 4" marker-end="url(#${hnd.alert ? 'jm-arrow-alert' : 'jm-arrow-handoff'})"/>`);
  const lw = hnd.labelWidth;
  parts.push(`<rect x="${n(hnd.labelAt.x - lw / 2)}" y="${n(hnd.labelAt.y - 9)}" width="${n(lw)}" height="18" rx="9" fill="${escapeXml(t.background)}" stroke="${escapeXml(color)}" stroke-width="1"/>`);
  parts.push(`<text x="${n(hnd.labelAt.x)}" y="${n(hnd.labelAt.y + 4)}" text-anchor="middle" font-size="${METRICS.smallSize}" font-weight="600" fill="${escapeXml(color)}">${escapeXml(hnd.label)}</text>`);
  parts.push('</g>');
  return parts.join('');
}

function cardSvg(card: Card, t: SvgTheme, withTitle: boolean): string {
  const M = METRICS;
  const p: string[] = [];
  const kind = card.customer ? 'customer' : undefined;
  p.push(`<g class="jm-card${card.pains.length ? ' jm-has-pains' : ''}" data-key="card:${escapeXml(card.key)}" data-id="${escapeXml(card.key)}" data-line="${card.line}" data-lane="${escapeXml(card.laneKey)}" data-stage="${escapeXml(card.stageKey)}"${kind ? ' data-customer="true"' : ''} transform="translate(${n(card.x)} ${n(card.y)})" tabindex="0">`);
  if (withTitle) p.push(`<title>${escapeXml(cardTooltipText(card))}</title>`);
  p.push(`<rect class="jm-card-box" x="0" y="0" width="${card.width}" height="${card.height}" rx="6" fill="${escapeXml(t.cardFill)}" stroke="${escapeXml(card.pains.length ? t.pain : t.cardStroke)}" stroke-width="${card.pains.length ? 1.5 : 1}"/>`);
  // Header: channel, feels chip.
  if (card.channelLabel) p.push(`<text x="${M.cardPadding}" y="15" font-size="${M.smallSize - 0.5}" font-weight="600" letter-spacing="0.4" fill="${escapeXml(t.muted)}">${escapeXml(card.channelLabel)}</text>`);
  if (card.feels !== undefined) {
    const color = feelsColor(t, card.feels);
    p.push(`<circle cx="${card.width - 16}" cy="13" r="9" fill="${escapeXml(color)}"/>`);
    p.push(`<text x="${card.width - 16}" y="16.5" text-anchor="middle" font-size="10" font-weight="700" fill="${escapeXml(t.onAccent)}">${feelsText(card.feels)}</text>`);
  }
  let y = M.cardHeaderHeight + 11;
  for (const line of card.titleLines) {
    p.push(`<text x="${M.cardPadding}" y="${y}" font-size="${M.fontSize}" font-weight="600" fill="${escapeXml(t.cardText)}">${escapeXml(line)}</text>`);
    y += M.lineHeight;
  }
  y += 6 - M.lineHeight + 4;
  if (card.painLines.length) {
    p.push('<g class="jm-pains" data-layer="pains">');
    for (const line of card.painLines) {
      const my = y + 8;
      p.push(`<path d="M${M.cardPadding + 5} ${n(my - 5)} L${M.cardPadding + 10} ${n(my + 4)} L${M.cardPadding} ${n(my + 4)} Z" fill="${escapeXml(t.pain)}"/>`);
      p.push(`<text x="${M.cardPadding + 15}" y="${n(my + 3)}" font-size="${M.smallSize}" font-style="italic" fill="${escapeXml(t.pain)}">${escapeXml(line)}</text>`);
      y += M.smallLineHeight;
    }
    p.push('</g>');
    y += 4;
  }
  if (card.metricRows) {
    p.push('<g class="jm-metrics" data-layer="metrics">');
    for (let i = 0; i < card.metricRows; i++) {
      const m = card.metrics[i];
      const more = i === M.maxMetricRows - 1 && card.metrics.length > M.maxMetricRows;
      const color = more ? t.noTarget : statusColor(t, m.status);
      const label = more ? `+${card.metrics.length - M.maxMetricRows + 1} more metrics` : m.label;
      p.push(`<g class="jm-metric" data-status="${more ? 'more' : m.status}">`);
      if (!more && withTitle) p.push(`<title>${escapeXml(`${m.name}: ${m.value ?? 'no value'}${m.target ? `, target ${m.target}` : ''} (${STATUS_WORD[m.status]}${m.gap ? ` by ${m.gap}` : ''})`)}</title>`);
      p.push(`<rect x="${M.cardPadding - 2}" y="${n(y)}" width="${card.width - 2 * M.cardPadding + 4}" height="${M.smallLineHeight + 1}" rx="4" fill="${escapeXml(color)}" fill-opacity="0.12"/>`);
      p.push(`<circle cx="${M.cardPadding + 5}" cy="${n(y + 7)}" r="3.5" fill="${escapeXml(color)}"/>`);
      p.push(`<text x="${M.cardPadding + 14}" y="${n(y + 11)}" font-size="${M.smallSize}" fill="${escapeXml(t.cardText)}">${escapeXml(label)}</text>`);
      p.push('</g>');
      y += M.smallLineHeight + 3;
    }
    p.push('</g>');
  }
  if (card.deadEnd) {
    const py = FLOW_PORT_DY;
    p.push(`<g class="jm-dead-end"><title>Dead end: next: []</title><line x1="${card.width}" y1="${py}" x2="${card.width + 10}" y2="${py}" stroke="${escapeXml(t.alert)}" stroke-width="2"/><line x1="${card.width + 10}" y1="${py - 7}" x2="${card.width + 10}" y2="${py + 7}" stroke="${escapeXml(t.alert)}" stroke-width="3"/></g>`);
  }
  if (card.improvements.length) {
    p.push(`<g class="jm-improvement-mark" data-layer="improvements"><title>${escapeXml(`Improvements: ${card.improvements.join(', ')}`)}</title><rect x="${card.width - 30}" y="${card.height - 10}" width="24" height="14" rx="7" fill="${escapeXml(t.meets)}"/><text x="${card.width - 18}" y="${card.height + 1}" text-anchor="middle" font-size="9.5" font-weight="700" fill="${escapeXml(t.onAccent)}">\u2191${card.improvements.length}</text></g>`);
  }
  p.push('</g>');
  return p.join('');
}

/** The plain-text tooltip of a card (native `<title>`), also used by tests. */
export function cardTooltipText(card: Card): string {
  const lines = [card.name];
  if (card.channel) lines.push(`Channel: ${card.channel}`);
  if (card.feels !== undefined) lines.push(`Feels: ${feelsText(card.feels)}`);
  if (card.does) lines.push(`Does: ${card.does}`);
  if (card.thinks) lines.push(`Thinks: ${card.thinks}`);
  for (const pain of card.pains) lines.push(`Pain: ${pain}`);
  for (const m of card.metrics) lines.push(`${m.name}: ${m.value ?? 'no value'}${m.target ? ` (target ${m.target}, ${STATUS_WORD[m.status]}${m.gap ? ` by ${m.gap}` : ''})` : ''}`);
  if (card.runbook) lines.push(`Runbook: ${card.runbook}`);
  return lines.join('\n');
}

function legend(layout: Layout, t: SvgTheme): string {
  const M = METRICS;
  let y = layout.legendY + 12;
  let x = M.margin;
  const wrapAt = layout.width - M.margin - 150;
  const c = (v: string) => escapeXml(v);
  const p: string[] = [`<g data-key="legend" class="jm-legend" font-size="${M.smallSize}">`];
  const items: [(x: number, y: number) => string, string][] = [
    [(x, y) => `<line x1="${x}" y1="${y}" x2="${x + 26}" y2="${y}" stroke="${c(t.flow)}" stroke-width="1.5" marker-end="url(#jm-arrow)"/>`, 'flow'],
    [(x, y) => `<line x1="${x}" y1="${y}" x2="${x + 26}" y2="${y}" stroke="${c(t.loop)}" stroke-width="2" stroke-dasharray="2 4" stroke-linecap="round" marker-end="url(#jm-arrow-loop)"/>`, 'loop (step repeated)'],
    [(x, y) => `<line x1="${x}" y1="${y}" x2="${x + 26}" y2="${y}" stroke="${c(t.handoff)}" stroke-width="1.6" stroke-dasharray="7 4" marker-end="url(#jm-arrow-handoff)"/>`, 'handoff'],
    [(x, y) => `<line x1="${x}" y1="${y}" x2="${x + 26}" y2="${y}" stroke="${c(t.alert)}" stroke-width="2" stroke-dasharray="7 4" marker-end="url(#jm-arrow-alert)"/>`, 'silent or over-SLA handoff'],
    [(x, y) => `<line x1="${x}" y1="${y}" x2="${x + 20}" y2="${y}" stroke="${c(t.alert)}" stroke-width="2"/><line x1="${x + 20}" y1="${y - 7}" x2="${x + 20}" y2="${y + 7}" stroke="${c(t.alert)}" stroke-width="3"/>`, 'dead end'],
    [(x, y) => `<path d="M${x + 13} ${y - 6} L${x + 19} ${y + 5} L${x + 7} ${y + 5} Z" fill="${c(t.pain)}"/>`, 'pain point'],
    [(x, y) => `<circle cx="${x + 13}" cy="${y}" r="4" fill="${c(t.meets)}"/>`, 'meets target'],
    [(x, y) => `<circle cx="${x + 13}" cy="${y}" r="4" fill="${c(t.misses)}"/>`, 'misses target'],
    [(x, y) => `<circle cx="${x + 13}" cy="${y}" r="4" fill="${c(t.noTarget)}"/>`, 'no target'],
    [(x, y) => `<rect x="${x + 1}" y="${y - 7}" width="24" height="14" rx="7" fill="${c(t.meets)}"/><text x="${x + 13}" y="${y + 4}" text-anchor="middle" font-size="9.5" font-weight="700" fill="${c(t.onAccent)}">\u21911</text>`, 'improvement planned'],
  ];
  for (const [draw, label] of items) {
    if (x > wrapAt) { x = M.margin; y += 22; }
    p.push(draw(x, y));
    p.push(`<text x="${x + 32}" y="${y + 4}" fill="${c(t.muted)}">${c(label)}</text>`);
    x += 32 + Math.ceil(label.length * 6) + 22;
  }
  p.push('</g>');
  return p.join('');
}
