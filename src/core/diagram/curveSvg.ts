/**
 * The emotion curves: the band above the lanes with its scale, a key in the header column (one
 * entry per curve: its mark and its lane), and one curve per customer lane, each in its own
 * colour, dash and point shape, so two curves are told apart in print and by colour-blind readers.
 */
import { feelsColor, feelsText } from './cardSvg';
import { DIMENSIONS } from './dimensions';
import { CURVE_KEY_MARK } from './grid';
import { escapeXml, n, smoothPath } from './svgText';
import type { SvgTheme } from './theme';
import type { CurveBand, EmotionCurve } from './types';

/** Dash patterns by curve style: solid, dashed, dotted, dash-dot. */
const DASHES = ['', '9 5', '2 5', '9 4 2 4'];

export function curveColor(t: SvgTheme, style: number): string {
  return t.curves[style % t.curves.length];
}

/** A curve point's mark by style (circle, square, diamond, triangle), `r` from its centre. */
export function curvePointMark(style: number, x: number, y: number, fill: string, stroke: string, r = 6): string {
  const f = `fill="${escapeXml(fill)}" stroke="${escapeXml(stroke)}" stroke-width="${r > 4 ? 2 : 1.5}"`;
  const s = r * 0.9;
  const d = r * 1.15;
  switch (style % 4) {
    case 1: return `<rect x="${n(x - s)}" y="${n(y - s)}" width="${n(2 * s)}" height="${n(2 * s)}" ${f}/>`;
    case 2: return `<path d="M${n(x)} ${n(y - d)} L${n(x + d)} ${n(y)} L${n(x)} ${n(y + d)} L${n(x - d)} ${n(y)} Z" ${f}/>`;
    case 3: return `<path d="M${n(x)} ${n(y - d)} L${n(x + d)} ${n(y + 0.8 * r)} L${n(x - d)} ${n(y + 0.8 * r)} Z" ${f}/>`;
    default: return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" ${f}/>`;
  }
}

/** A short piece of a curve's line, with its point mark in the middle: for the key and the legend. */
export function curveSwatch(t: SvgTheme, style: number, x: number, y: number, width = 26): string {
  const color = curveColor(t, style);
  const dash = DASHES[style % DASHES.length];
  return `<line x1="${n(x)}" y1="${n(y)}" x2="${n(x + width)}" y2="${n(y)}" stroke="${escapeXml(color)}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`
    + curvePointMark(style, x + width / 2, y, color, t.background, 4);
}

/** Compare mode: the other side's curve is drawn lighter, thinner and finely dashed, with hollow points. */
const BEFORE_DASH = '4 4';
const BEFORE_OPACITY = 0.75;

/** The legend's and key's mark for the other side's curve. */
export function beforeSwatch(t: SvgTheme, style: number, x: number, y: number, width = 26): string {
  const color = escapeXml(curveColor(t, style));
  return `<g opacity="${BEFORE_OPACITY}"><line x1="${n(x)}" y1="${n(y)}" x2="${n(x + width)}" y2="${n(y)}" stroke="${color}" stroke-width="2" stroke-dasharray="${BEFORE_DASH}"/>`
    + `${curvePointMark(style, x + width / 2, y, t.background, curveColor(t, style), 3.5)}</g>`;
}

function bandScale(band: CurveBand, curves: EmotionCurve[], t: SvgTheme, before: EmotionCurve[] = []): string[] {
  const M = DIMENSIONS;
  const items: string[] = [];
  items.push(`<rect x="${n(M.margin)}" y="${n(band.y)}" width="${n(band.x + band.width - M.margin)}" height="${n(band.height)}" fill="${escapeXml(t.background)}" fill-opacity="0.55"/>`);
  items.push(`<line x1="${n(M.margin)}" y1="${n(band.y)}" x2="${n(band.x + band.width)}" y2="${n(band.y)}" stroke="${escapeXml(t.border)}"/>`);
  items.push(`<text x="${n(M.margin + 14)}" y="${n(band.y + 24)}" font-size="${M.laneLabelSize}" font-weight="700" fill="${escapeXml(t.foreground)}">Customer emotion</text>`);
  items.push(`<text x="${n(M.margin + 14)}" y="${n(band.y + 40)}" font-size="${M.smallSize}" fill="${escapeXml(t.muted)}">feels, \u22123 to +3</text>`);
  // The key: which curve is which lane (at most as many as fit the band; the legend lists all).
  const room = Math.max(0, Math.floor((band.height - 58) / 15));
  curves.slice(0, room).forEach((c, i) => {
    const y = band.y + 58 + i * 15;
    items.push(`<g class="jm-curve-key" data-lane="${escapeXml(c.laneKey)}">${curveSwatch(t, c.style, M.margin + 14, y - 4)}<text x="${n(M.margin + 14 + CURVE_KEY_MARK)}" y="${n(y)}" font-size="${M.smallSize}" fill="${escapeXml(t.muted)}">${escapeXml(c.label)}</text></g>`);
  });
  before.slice(0, Math.max(0, room - curves.length)).forEach((c, i) => {
    const y = band.y + 58 + (curves.length + i) * 15;
    items.push(`<g class="jm-curve-key jm-curve-before-key" data-lane="${escapeXml(c.laneKey)}">${beforeSwatch(t, c.style, M.margin + 14, y - 4)}<text x="${n(M.margin + 14 + CURVE_KEY_MARK)}" y="${n(y)}" font-size="${M.smallSize}" fill="${escapeXml(t.muted)}">${escapeXml(c.label)}</text></g>`);
  });
  for (const v of [3, 0, -3]) {
    const y = band.zeroY - v * band.unit;
    items.push(`<line x1="${n(band.x)}" y1="${n(y)}" x2="${n(band.x + band.width)}" y2="${n(y)}" stroke="${escapeXml(v === 0 ? t.muted : t.border)}" stroke-width="1" stroke-dasharray="${v === 0 ? '4 4' : '2 6'}"/>`);
    items.push(`<text x="${n(band.x + 6)}" y="${n(y - 3)}" font-size="${M.smallSize - 1}" fill="${escapeXml(t.muted)}">${feelsText(v)}</text>`);
  }
  return items;
}

/** The curve layer's items: the band, the scale and key, then each curve's line and points. */
export function curveItems(band: CurveBand, curves: EmotionCurve[], t: SvgTheme, before?: EmotionCurve[]): { key?: string; markup: string }[] {
  const M = DIMENSIONS;
  const items: { key?: string; markup: string }[] = bandScale(band, curves, t, before).map((markup) => ({ markup }));
  for (const c of before ?? []) items.push(beforeCurve(c, curves.length, t));
  for (const c of curves) {
    const color = curveColor(t, c.style);
    const dash = DASHES[c.style % DASHES.length];
    if (c.points.length > 1) {
      const path = smoothPath(c.points);
      if (c.style === 0 && curves.length === 1) {
        const first = c.points[0];
        const last = c.points[c.points.length - 1];
        items.push({ markup: `<path d="${path} L${n(last.x)} ${n(band.zeroY)} L${n(first.x)} ${n(band.zeroY)} Z" fill="${escapeXml(t.curveFill)}" fill-opacity="0.10" stroke="none"/>` });
      }
      items.push({ key: `curve:${escapeXml(c.laneKey)}`, markup: `<path class="jm-curve-line" data-key="curve:${escapeXml(c.laneKey)}" data-lane="${escapeXml(c.laneKey)}" d="${path}" fill="none" stroke="${escapeXml(color)}" stroke-width="2.5" stroke-linecap="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` });
    } else {
      // One point is still a curve of one lane: marked so it is counted and keyed.
      items.push({ key: `curve:${escapeXml(c.laneKey)}`, markup: `<path class="jm-curve-line" data-key="curve:${escapeXml(c.laneKey)}" data-lane="${escapeXml(c.laneKey)}" d="${smoothPath(c.points)}" fill="none" stroke="${escapeXml(color)}" stroke-width="2.5"/>` });
    }
    for (const p of c.points) {
      const key = `feels:${escapeXml(p.key)}`;
      const pointColor = feelsColor(t, p.feels);
      items.push({
        key,
        markup: `<g class="jm-curve-point" data-key="${key}" data-id="${escapeXml(p.key)}" data-line="${p.line}" data-feels="${p.feels}" data-lane="${escapeXml(c.laneKey)}">`
          // The lane is named only when there are several curves (then it tells them apart).
          + `<title>${escapeXml(`${p.name}${curves.length > 1 ? ` (${c.laneName})` : ''}: feels ${feelsText(p.feels)}`)}</title>`
          + curvePointMark(c.style, p.x, p.y, pointColor, color)
          + `<text x="${n(p.labelAt.x)}" y="${n(p.labelAt.y)}" text-anchor="middle" font-size="${M.smallSize}" font-weight="700" fill="${escapeXml(pointColor)}">${feelsText(p.feels)}</text></g>`,
      });
    }
  }
  return items;
}

/** The other side's curve (compare mode): its line and hollow points, each point named in a tooltip. */
function beforeCurve(c: EmotionCurve, currentCount: number, t: SvgTheme): { key: string; markup: string } {
  const color = curveColor(t, c.style);
  const key = `curve:${escapeXml(c.laneKey)}`;
  const p: string[] = [`<g class="jm-curve-before" data-key="${key}" data-lane="${escapeXml(c.laneKey)}" opacity="${BEFORE_OPACITY}">`];
  p.push(`<path class="jm-curve-before-line" d="${smoothPath(c.points)}" fill="none" stroke="${escapeXml(color)}" stroke-width="2" stroke-linecap="round" stroke-dasharray="${BEFORE_DASH}"/>`);
  for (const pt of c.points) {
    const who = currentCount > 1 ? ` (${c.laneName})` : '';
    p.push(`<g class="jm-curve-before-point" data-feels="${pt.feels}"><title>${escapeXml(`${pt.name}${who} ${c.label}: feels ${feelsText(pt.feels)}`)}</title>${curvePointMark(c.style, pt.x, pt.y, t.background, color, 3.5)}</g>`);
  }
  p.push('</g>');
  return { key, markup: p.join('') };
}
