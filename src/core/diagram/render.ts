/**
 * Layout -> a self-contained SVG string: presentation attributes only (no `style` attributes, no
 * `<style>`, no scripts, no foreignObject), so it opens in any SVG viewer and passes a webview CSP
 * that forbids inline styles. Every user string goes through `escapeXml`.
 *
 * Structure, for the webview's keyed patching: the root holds layer groups with `data-key`
 * (`background`, `stages`, `lanes`, `curve`, `flows`, `cards`, `handoffs`, `stubs`, `legend`,
 * `blocks`); each item in a layer is a group or element with its own `data-key`. Cards carry
 * `data-id`, `data-line`, `data-lane`, `data-stage` and `data-column`. The root declares the font
 * family the text was measured for, and the grid's left edge (`data-grid-x`), where the lane
 * headers end.
 */
import { cardSvg } from './cardSvg';
import { curveItems } from './curveSvg';
import { DIMENSIONS } from './dimensions';
import { LANE_HEADER } from './grid';
import { legendSvg, textBlockSvg } from './legendSvg';
import { escapeXml, n, roundedPath } from './svgText';
import { LIGHT_THEME, type SvgTheme } from './theme';
import type { FlowEdge, HandoffEdge, Layout, Rect, StageColumn, StageStub } from './types';

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
  b.parts.open = `<svg xmlns="http://www.w3.org/2000/svg" class="jm-diagram" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="jm-title" font-family="${escapeXml(layout.fontFamily)}" font-size="${DIMENSIONS.fontSize}" data-theme="${escapeXml(t.name)}" data-detail="${layout.detail}" data-grid-x="${n(layout.grid.x)}">`;
  b.leaf(`<title id="jm-title">${escapeXml(layout.title)}</title>`);
  if (layout.subtitleLines.length) b.leaf(`<desc>${escapeXml(layout.subtitleLines.join(' '))}</desc>`);
  b.leaf(defs(t));
  background(b, layout, t);
  stageLayer(b, layout, t);
  laneLayer(b, layout, t);
  if (layout.curveBand) {
    b.layer('curve', ' data-layer="curve" class="jm-curve"');
    for (const item of curveItems(layout.curveBand, layout.curves, t, layout.beforeCurves)) b.item(item.markup, item.key);
  }
  b.layer('flows', ' data-layer="flows" fill="none"');
  for (const e of layout.flows) b.item(flowEdge(e, t), `flow:${escapeXml(e.key)}`);
  b.layer('cards', ' data-layer="cards"');
  for (const card of layout.cards) b.item(cardSvg(card, t, options.cardTitles ?? true), `card:${escapeXml(card.key)}`);
  // Handoffs above the cards' layer (their routes avoid cards; labels sit in free gutters).
  b.layer('handoffs', ' data-layer="handoffs"');
  for (const hnd of layout.handoffs) b.item(handoffEdge(hnd, t), escapeXml(hnd.key));
  if (layout.stubs.length) {
    b.layer('stubs', ' data-layer="stubs"');
    for (const stub of layout.stubs) b.item(stubSvg(stub, t), escapeXml(stub.key));
  }
  b.leaf(legendSvg(layout.legend, t), 'legend');
  if (layout.blocks.length) {
    b.layer('blocks', ' data-layer="blocks"');
    for (const block of layout.blocks) b.item(textBlockSvg(block, t), `block:${escapeXml(block.key)}`);
  }
  return b.parts;
}

/** Background, title and subtitle. */
function background(b: SvgBuilder, layout: Layout, t: SvgTheme): void {
  const M = DIMENSIONS;
  b.layer('background');
  b.item(`<rect class="jm-bg" x="0" y="0" width="${layout.width}" height="${layout.height}" fill="${escapeXml(t.background)}"/>`);
  b.item(`<text class="jm-title" x="${M.margin}" y="${M.margin + M.titleSize - 4}" font-size="${M.titleSize}" font-weight="700" fill="${escapeXml(t.foreground)}">${escapeXml(layout.titleLine)}</text>`);
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
    if (st.removed !== undefined) {
      removedStage(b, st, gridBottom, t);
      continue;
    }
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

/** Compare mode: a stage gone since the other side, kept as a column for its removed touchpoints. */
function removedStage(b: SvgBuilder, st: StageColumn, gridBottom: number, t: SvgTheme): void {
  const M = DIMENSIONS;
  const key = `stage:${escapeXml(st.key)}`;
  b.push(`<g data-key="${key}" class="jm-stage jm-stage-removed" data-stage="${escapeXml(st.key)}">`);
  b.push(`<rect x="${n(st.x)}" y="${n(st.y)}" width="${n(st.width)}" height="${n(gridBottom - st.y)}" fill="${escapeXml(t.stageFillAlt)}" fill-opacity="0.5"/>`);
  b.push(`<line x1="${n(st.x)}" y1="${n(st.y)}" x2="${n(st.x)}" y2="${n(gridBottom)}" stroke="${escapeXml(t.compareRemoved)}" stroke-width="1" stroke-dasharray="5 3"/>`);
  st.labelLines.forEach((line, i) => {
    b.push(`<text x="${n(st.x + 12)}" y="${n(st.y + 22 + i * 16)}" font-size="${M.stageHeaderSize}" font-weight="700" fill="${escapeXml(t.muted)}">${escapeXml(line)}</text>`);
  });
  b.push(`<text x="${n(st.x + 12)}" y="${n(st.y + 22 + st.labelLines.length * 16 + 2)}" font-size="${M.smallSize}" font-weight="700" fill="${escapeXml(t.compareRemoved)}">${escapeXml(st.removed ?? '')}</text>`);
  b.push('</g>');
  b.flush(key);
}

/** Lane bands and their headers (name, kind, team; an undefined lane's problem), and the line of visibility. */
function laneLayer(b: SvgBuilder, layout: Layout, t: SvgTheme): void {
  const M = DIMENSIONS;
  b.layer('lanes', ' data-layer="lanes"');
  for (const lane of layout.lanes) {
    const key = `lane:${escapeXml(lane.key)}`;
    const accent = lane.problem ? t.alert : lane.removed !== undefined ? t.compareRemoved : t.laneAccent[lane.kind];
    const removed = lane.removed !== undefined;
    b.push(`<g data-key="${key}" class="jm-lane${lane.problem ? ' jm-lane-problem' : ''}${removed ? ' jm-lane-removed' : ''}" data-lane="${escapeXml(lane.key)}"${removed ? '' : ` data-line="${lane.line}"`} data-kind="${lane.problem ? 'unknown' : lane.kind}">`);
    if (lane.problem) b.push(`<title>${escapeXml(`${lane.name}: ${lane.problem}`)}</title>`);
    b.push(`<rect x="${n(lane.x)}" y="${n(lane.y)}" width="${n(lane.width)}" height="${n(lane.height)}" fill="${escapeXml(lane.problem ? t.problemFill : t.laneFill[lane.kind])}" fill-opacity="${removed ? 0.3 : 0.75}"/>`);
    b.push(`<line x1="${n(lane.x)}" y1="${n(lane.y)}" x2="${n(lane.x + lane.width)}" y2="${n(lane.y)}" stroke="${escapeXml(t.border)}" stroke-width="1"/>`);
    b.push(`<rect x="${n(lane.x)}" y="${n(lane.y)}" width="4" height="${n(lane.height)}" fill="${escapeXml(accent)}"/>`);
    let ly = lane.y + LANE_HEADER.firstBaseline;
    for (const line of lane.labelLines) {
      b.push(`<text x="${n(lane.x + 14)}" y="${n(ly)}" font-size="${M.laneLabelSize}" font-weight="700" fill="${escapeXml(t.foreground)}">${escapeXml(line)}</text>`);
      ly += 16;
    }
    const kind = lane.problem ? 'NOT DEFINED' : lane.kind.toUpperCase();
    b.push(`<text x="${n(lane.x + 14)}" y="${n(ly)}" font-size="${M.smallSize}" font-weight="700" fill="${escapeXml(accent)}">${kind}</text>`);
    for (const line of [...lane.teamLines, ...lane.problemLines]) {
      ly += 14;
      b.push(`<text x="${n(lane.x + 14)}" y="${n(ly)}" font-size="${M.smallSize}"${removed ? ' font-weight="700"' : ''} fill="${escapeXml(lane.problem ? t.alert : removed ? t.compareRemoved : t.muted)}">${escapeXml(line)}</text>`);
    }
    b.push('</g>');
    b.flush(key);
  }
  const last = layout.lanes[layout.lanes.length - 1];
  if (last) b.item(`<line data-key="lanes-end" x1="${n(last.x)}" y1="${n(last.y + last.height)}" x2="${n(last.x + last.width)}" y2="${n(last.y + last.height)}" stroke="${escapeXml(t.border)}" stroke-width="1"/>`, 'lanes-end');
  if (layout.visibilityY !== undefined) {
    const vy = layout.visibilityY;
    const x1 = M.margin;
    const x2 = layout.grid.x + layout.grid.width;
    // The line starts at the grid; its name sits in the header column, where no edge or label runs.
    b.push(`<g data-key="visibility" class="jm-visibility"><line x1="${n(layout.grid.x)}" y1="${n(vy)}" x2="${n(x2)}" y2="${n(vy)}" stroke="${escapeXml(t.visibility)}" stroke-width="2" stroke-dasharray="10 5"/>`);
    b.push(`<line x1="${n(x1)}" y1="${n(vy)}" x2="${n(layout.grid.x)}" y2="${n(vy)}" stroke="${escapeXml(t.visibility)}" stroke-width="1" stroke-dasharray="10 5"/>`);
    b.push(`<rect x="${n(x1 + 40)}" y="${n(vy - 8)}" width="118" height="16" rx="8" fill="${escapeXml(t.background)}" stroke="${escapeXml(t.visibility)}"/>`);
    b.push(`<text x="${n(x1 + 99)}" y="${n(vy + 4)}" text-anchor="middle" font-size="${M.smallSize}" font-weight="700" fill="${escapeXml(t.muted)}">line of visibility</text></g>`);
    b.flush('visibility');
  }
}

function defs(t: SvgTheme): string {
  const marker = (id: string, color: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${escapeXml(color)}"/></marker>`;
  return `<defs>${marker('jm-arrow', t.flow)}${marker('jm-arrow-loop', t.loop)}${marker('jm-arrow-handoff', t.handoff)}${marker('jm-arrow-alert', t.alert)}${marker('jm-arrow-accepted', t.accepted)}</defs>`;
}

function flowEdge(e: FlowEdge, t: SvgTheme): string {
  const loop = e.kind === 'loop';
  const color = loop ? t.loop : t.flow;
  const attrs = loop ? ' stroke-width="2" stroke-dasharray="2 4" stroke-linecap="round"' : ` stroke-width="1.5"${e.implicit ? ' stroke-opacity="0.8"' : ''}`;
  return `<path class="jm-flow jm-${e.kind}" data-key="flow:${escapeXml(e.key)}" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}" data-line="${e.line}" d="${roundedPath(e.points)}" stroke="${escapeXml(color)}"${attrs} marker-end="url(#${loop ? 'jm-arrow-loop' : 'jm-arrow'})"/>`;
}

/** A label's pill and its text, centred in its box. */
function pill(box: Rect, text: string, color: string, t: SvgTheme, bold = true): string {
  return `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="${n(box.height / 2)}" fill="${escapeXml(t.background)}" stroke="${escapeXml(color)}" stroke-width="1"/>`
    + `<text x="${n(box.x + box.width / 2)}" y="${n(box.y + box.height / 2 + 4)}" text-anchor="middle" font-size="${DIMENSIONS.smallSize}"${bold ? ' font-weight="700"' : ''} fill="${escapeXml(color)}">${escapeXml(text)}</text>`;
}

function handoffEdge(hnd: HandoffEdge, t: SvgTheme): string {
  const color = hnd.alert ? t.alert : hnd.accepted.length ? t.accepted : t.handoff;
  const marker = hnd.alert ? 'jm-arrow-alert' : hnd.accepted.length ? 'jm-arrow-accepted' : 'jm-arrow-handoff';
  const classes = `jm-handoff${hnd.alert ? ' jm-alert' : ''}${hnd.accepted.length ? ' jm-accepted' : ''}`;
  const why = [
    hnd.notifiesCustomer ? 'notifies the customer' : `does not notify the customer${hnd.accepted.includes('silent') ? ' (accepted by the team)' : ''}`,
    hnd.overSla ? `waits longer than its SLA${hnd.accepted.includes('over SLA') ? ' (accepted by the team)' : ''}` : '',
    hnd.carriesFlow ? 'also the next step of the flow' : '',
  ].filter(Boolean).join('; ');
  return `<g class="${classes}" data-key="${escapeXml(hnd.key)}" data-from="${escapeXml(hnd.from)}" data-to="${escapeXml(hnd.to)}" data-line="${hnd.line}">`
    + `<title>${escapeXml(`Handoff ${hnd.from} \u2192 ${hnd.to}: ${hnd.label} (${why})${hnd.note ? `. ${hnd.note}` : ''}`)}</title>`
    + `<path d="${roundedPath(hnd.points)}" fill="none" stroke="${escapeXml(color)}" stroke-width="${hnd.alert ? 2 : 1.6}" stroke-dasharray="7 4" marker-end="url(#${marker})"/>`
    + pill(hnd.labelBox, hnd.label, color, t)
    + '</g>';
}

function stubSvg(stub: StageStub, t: SvgTheme): string {
  return `<g class="jm-stub" data-key="${escapeXml(stub.key)}" data-card="${escapeXml(stub.card)}" data-stage="${escapeXml(stub.stage)}" data-direction="${stub.direction}">`
    + `<path d="${roundedPath(stub.points)}" fill="none" stroke="${escapeXml(t.muted)}" stroke-width="1.5" stroke-dasharray="3 3" marker-end="url(#jm-arrow)"/>`
    + pill(stub.labelBox, stub.label, t.muted, t, false)
    + '</g>';
}
