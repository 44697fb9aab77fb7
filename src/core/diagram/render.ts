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
import { cardSvg, feelsColor, feelsText } from './cardSvg';
import { DIMENSIONS } from './dimensions';
import { escapeXml, n, roundedPath, smoothPath } from './svgText';
import { ellipsize } from './textMetrics';
import { LIGHT_THEME, type SvgTheme } from './theme';
import type { EmotionCurve, FlowEdge, HandoffEdge, Layout } from './types';

export { escapeXml, roundedPath, stripUnsafe } from './svgText';
export { DARK_THEME, LIGHT_THEME, THEMES, type SvgTheme } from './theme';
export { cardTooltipText } from './cardSvg';

export interface RenderOptions {
  theme?: SvgTheme;
  /** Add a `<title>` to each card (native tooltips); the webview draws its own. Default true. */
  cardTitles?: boolean;
}

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

/** Collects the SVG's top-level leaves and layers, item by item. */
class SvgBuilder {
  readonly parts: SvgParts = { open: '', children: [], close: '</svg>' };
  private layerNow: SvgLayer | undefined;
  private buffer: string[] = [];

  leaf(markup: string, key?: string): void {
    this.parts.children.push({ kind: 'leaf', key, markup });
  }

  layer(key: string, attrs = ''): void {
    this.layerNow = { kind: 'layer', key, open: `<g data-key="${key}"${attrs}>`, items: [], close: '</g>' };
    this.parts.children.push(this.layerNow);
  }

  /** An item of the current layer, whole. */
  item(markup: string, key?: string): void {
    this.layerNow!.items.push({ key, markup });
  }

  /** Markup for the item being written. */
  push(markup: string): void {
    this.buffer.push(markup);
  }

  /** Ends the item being written. */
  flush(key?: string): void {
    this.item(this.buffer.join(''), key);
    this.buffer = [];
  }
}

export function renderSvgParts(layout: Layout, options: RenderOptions = {}): SvgParts {
  const t = options.theme ?? LIGHT_THEME;
  const b = new SvgBuilder();
  const { width: w, height: h } = layout;
  b.parts.open = `<svg xmlns="http://www.w3.org/2000/svg" class="jm-diagram" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="jm-title" font-family="${escapeXml(t.fontFamily)}" font-size="${DIMENSIONS.fontSize}" data-theme="${escapeXml(t.name)}">`;
  b.leaf(`<title id="jm-title">${escapeXml(layout.title)}</title>`);
  if (layout.subtitleLines.length) b.leaf(`<desc>${escapeXml(layout.subtitleLines.join(' '))}</desc>`);
  b.leaf(defs(t));
  background(b, layout, t);
  stageLayer(b, layout, t);
  laneLayer(b, layout, t);
  if (layout.curve) curveLayer(b, layout.curve, t);
  b.layer('flows', ' data-layer="flows" fill="none"');
  for (const e of layout.flows) b.item(flowEdge(e, t), `flow:${escapeXml(e.key)}`);
  b.layer('cards', ' data-layer="cards"');
  for (const card of layout.cards) b.item(cardSvg(card, t, options.cardTitles ?? true), `card:${escapeXml(card.key)}`);
  // Handoffs above the cards' layer (their routes avoid cards; labels sit in free gutters).
  b.layer('handoffs', ' data-layer="handoffs"');
  for (const hnd of layout.handoffs) b.item(handoffEdge(hnd, t), escapeXml(hnd.key));
  b.leaf(legend(layout, t), 'legend');
  return b.parts;
}

/** Background, title and subtitle. */
function background(b: SvgBuilder, layout: Layout, t: SvgTheme): void {
  const M = DIMENSIONS;
  b.layer('background');
  b.item(`<rect class="jm-bg" x="0" y="0" width="${layout.width}" height="${layout.height}" fill="${escapeXml(t.background)}"/>`);
  // A title wider than the diagram is cut with an ellipsis (the full text is the SVG's <title>).
  const shownTitle = ellipsize(layout.title, Math.max(80, layout.width - 2 * M.margin), M.titleSize, true);
  b.item(`<text class="jm-title" x="${M.margin}" y="${M.margin + M.titleSize - 4}" font-size="${M.titleSize}" font-weight="700" fill="${escapeXml(t.foreground)}">${escapeXml(shownTitle)}</text>`);
  layout.subtitleLines.forEach((line, i) => {
    b.item(`<text class="jm-subtitle" x="${M.margin}" y="${M.margin + M.titleSize + 14 + i * 17}" font-size="${M.subtitleSize}" fill="${escapeXml(t.muted)}">${escapeXml(line)}</text>`);
  });
}

/** Stage columns and their headers. */
function stageLayer(b: SvgBuilder, layout: Layout, t: SvgTheme): void {
  const M = DIMENSIONS;
  b.layer('stages', ' data-layer="stages"');
  const gridBottom = layout.grid.y + layout.grid.height;
  for (const st of layout.stages) {
    const fill = st.index % 2 === 0 ? t.stageFill : t.stageFillAlt;
    const key = `stage:${escapeXml(st.key)}`;
    b.push(`<g data-key="${key}" class="jm-stage" data-line="${st.line}" data-stage="${escapeXml(st.key)}">`);
    b.push(`<rect x="${n(st.x)}" y="${n(st.y)}" width="${n(st.width)}" height="${n(gridBottom - st.y)}" fill="${escapeXml(fill)}"/>`);
    b.push(`<line x1="${n(st.x)}" y1="${n(st.y)}" x2="${n(st.x)}" y2="${n(gridBottom)}" stroke="${escapeXml(t.border)}" stroke-width="1"/>`);
    st.labelLines.forEach((line, i) => {
      b.push(`<text x="${n(st.x + 12)}" y="${n(st.y + 22 + i * 16)}" font-size="${M.stageHeaderSize}" font-weight="700" fill="${escapeXml(t.foreground)}">${escapeXml(line)}</text>`);
    });
    const count = `${st.index + 1} · ${st.touchpointCount} touchpoint${st.touchpointCount === 1 ? '' : 's'}`;
    b.push(`<text x="${n(st.x + 12)}" y="${n(st.y + 22 + st.labelLines.length * 16 + 2)}" font-size="${M.smallSize}" fill="${escapeXml(t.muted)}">${escapeXml(count)}</text>`);
    b.push('</g>');
    b.flush(key);
  }
}

/** Lane bands, their labels, and the line of visibility. */
function laneLayer(b: SvgBuilder, layout: Layout, t: SvgTheme): void {
  const M = DIMENSIONS;
  b.layer('lanes', ' data-layer="lanes"');
  for (const lane of layout.lanes) {
    const key = `lane:${escapeXml(lane.key)}`;
    b.push(`<g data-key="${key}" class="jm-lane" data-lane="${escapeXml(lane.key)}" data-line="${lane.line}" data-kind="${lane.kind}">`);
    b.push(`<rect x="${n(lane.x)}" y="${n(lane.y)}" width="${n(lane.width)}" height="${n(lane.height)}" fill="${escapeXml(t.laneFill[lane.kind])}" fill-opacity="0.75"/>`);
    b.push(`<line x1="${n(lane.x)}" y1="${n(lane.y)}" x2="${n(lane.x + lane.width)}" y2="${n(lane.y)}" stroke="${escapeXml(t.border)}" stroke-width="1"/>`);
    b.push(`<rect x="${n(lane.x)}" y="${n(lane.y)}" width="4" height="${n(lane.height)}" fill="${escapeXml(t.laneAccent[lane.kind])}"/>`);
    let ly = lane.y + 24;
    for (const line of lane.labelLines) {
      b.push(`<text x="${n(lane.x + 14)}" y="${n(ly)}" font-size="${M.laneLabelSize}" font-weight="700" fill="${escapeXml(t.foreground)}">${escapeXml(line)}</text>`);
      ly += 16;
    }
    b.push(`<text x="${n(lane.x + 14)}" y="${n(ly)}" font-size="${M.smallSize}" font-weight="600" letter-spacing="0.6" fill="${escapeXml(t.laneAccent[lane.kind])}">${escapeXml(lane.kind.toUpperCase())}</text>`);
    if (lane.team) b.push(`<text x="${n(lane.x + 14)}" y="${n(ly + 14)}" font-size="${M.smallSize}" fill="${escapeXml(t.muted)}">${escapeXml(lane.team)}</text>`);
    b.push('</g>');
    b.flush(key);
  }
  const last = layout.lanes[layout.lanes.length - 1];
  if (last) b.item(`<line data-key="lanes-end" x1="${n(last.x)}" y1="${n(last.y + last.height)}" x2="${n(last.x + last.width)}" y2="${n(last.y + last.height)}" stroke="${escapeXml(t.border)}" stroke-width="1"/>`, 'lanes-end');
  if (layout.visibilityY !== undefined) {
    const vy = layout.visibilityY;
    const x1 = M.margin;
    const x2 = layout.grid.x + layout.grid.width;
    b.push(`<g data-key="visibility" class="jm-visibility"><line x1="${n(x1)}" y1="${n(vy)}" x2="${n(x2)}" y2="${n(vy)}" stroke="${escapeXml(t.visibility)}" stroke-width="2" stroke-dasharray="10 5"/>`);
    b.push(`<rect x="${n(x1 + 8)}" y="${n(vy - 8)}" width="118" height="16" rx="8" fill="${escapeXml(t.background)}" stroke="${escapeXml(t.visibility)}"/>`);
    b.push(`<text x="${n(x1 + 67)}" y="${n(vy + 4)}" text-anchor="middle" font-size="${M.smallSize}" font-weight="600" fill="${escapeXml(t.muted)}">line of visibility</text></g>`);
    b.flush('visibility');
  }
}

/** The emotion curve: its band, the scale, the curve and one point per customer card. */
function curveLayer(b: SvgBuilder, c: EmotionCurve, t: SvgTheme): void {
  const M = DIMENSIONS;
  b.layer('curve', ' data-layer="curve" class="jm-curve"');
  b.item(`<rect x="${n(M.margin)}" y="${n(c.y)}" width="${n(c.x + c.width - M.margin)}" height="${n(c.height)}" fill="${escapeXml(t.background)}" fill-opacity="0.55"/>`);
  b.item(`<line x1="${n(M.margin)}" y1="${n(c.y)}" x2="${n(c.x + c.width)}" y2="${n(c.y)}" stroke="${escapeXml(t.border)}"/>`);
  b.item(`<text x="${n(M.margin + 14)}" y="${n(c.y + 24)}" font-size="${M.laneLabelSize}" font-weight="700" fill="${escapeXml(t.foreground)}">Customer emotion</text>`);
  b.item(`<text x="${n(M.margin + 14)}" y="${n(c.y + 40)}" font-size="${M.smallSize}" fill="${escapeXml(t.muted)}">feels, \u22123 to +3</text>`);
  for (const v of [3, 0, -3]) {
    const y = c.zeroY - v * c.unit;
    b.item(`<line x1="${n(c.x)}" y1="${n(y)}" x2="${n(c.x + c.width)}" y2="${n(y)}" stroke="${escapeXml(v === 0 ? t.muted : t.border)}" stroke-width="1" stroke-dasharray="${v === 0 ? '4 4' : '2 6'}"/>`);
    b.item(`<text x="${n(c.x + 6)}" y="${n(y - 3)}" font-size="${M.smallSize - 1}" fill="${escapeXml(t.muted)}">${feelsText(v)}</text>`);
  }
  if (c.points.length > 1) {
    const path = smoothPath(c.points);
    const first = c.points[0];
    const lastPoint = c.points[c.points.length - 1];
    b.item(`<path d="${path} L${n(lastPoint.x)} ${n(c.zeroY)} L${n(first.x)} ${n(c.zeroY)} Z" fill="${escapeXml(t.curveFill)}" fill-opacity="0.10" stroke="none"/>`);
    b.item(`<path class="jm-curve-line" d="${path}" fill="none" stroke="${escapeXml(t.curve)}" stroke-width="2.5" stroke-linecap="round"/>`);
  }
  for (const p of c.points) {
    const color = feelsColor(t, p.feels);
    const key = `feels:${escapeXml(p.key)}`;
    b.push(`<g class="jm-curve-point" data-key="${key}" data-id="${escapeXml(p.key)}" data-line="${p.line}" data-feels="${p.feels}">`);
    b.push(`<title>${escapeXml(`${p.name}: feels ${feelsText(p.feels)}`)}</title>`);
    b.push(`<circle cx="${n(p.x)}" cy="${n(p.y)}" r="6" fill="${escapeXml(color)}" stroke="${escapeXml(t.background)}" stroke-width="2"/>`);
    const above = p.feels >= 0;
    b.push(`<text x="${n(p.x)}" y="${n(above ? p.y - 10 : p.y + 17)}" text-anchor="middle" font-size="${M.smallSize}" font-weight="700" fill="${escapeXml(color)}">${feelsText(p.feels)}</text>`);
    b.push('</g>');
    b.flush(key);
  }
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
  parts.push(`<text x="${n(hnd.labelAt.x)}" y="${n(hnd.labelAt.y + 4)}" text-anchor="middle" font-size="${DIMENSIONS.smallSize}" font-weight="600" fill="${escapeXml(color)}">${escapeXml(hnd.label)}</text>`);
  parts.push('</g>');
  return parts.join('');
}

function legend(layout: Layout, t: SvgTheme): string {
  const M = DIMENSIONS;
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
