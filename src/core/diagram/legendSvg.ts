/**
 * The legend's marks (each drawn the way the picture draws it) and the text blocks below it (full
 * detail: the improvements and the footer).
 */
import { metricMarker, painMarker } from './cardSvg';
import { beforeSwatch, curveSwatch } from './curveSvg';
import { DIMENSIONS } from './dimensions';
import { LEGEND_MARK_WIDTH } from './legend';
import { escapeXml, n } from './svgText';
import type { SvgTheme } from './theme';
import type { LegendEntry, TextBlock } from './types';

function markSvg(e: LegendEntry, t: SvgTheme): string {
  const { x, y } = e;
  const c = escapeXml;
  const arrow = (color: string, marker: string, dash = '', width = 1.5) =>
    `<line x1="${x}" y1="${y}" x2="${x + 24}" y2="${y}" stroke="${c(color)}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''} marker-end="url(#${marker})"/>`;
  const bar = (color: string) => `<line x1="${x + 4}" y1="${y}" x2="${x + 14}" y2="${y}" stroke="${c(color)}" stroke-width="2"/><line x1="${x + 14}" y1="${y - 7}" x2="${x + 14}" y2="${y + 7}" stroke="${c(color)}" stroke-width="3"/>`;
  switch (e.mark) {
    case 'flow': return arrow(t.flow, 'jm-arrow');
    case 'loop': return arrow(t.loop, 'jm-arrow-loop', '2 4', 2);
    case 'handoff': return arrow(t.handoff, 'jm-arrow-handoff', '7 4', 1.6);
    case 'handoff-alert': return arrow(t.alert, 'jm-arrow-alert', '7 4', 2);
    case 'handoff-accepted': return arrow(t.accepted, 'jm-arrow-accepted', '7 4', 1.6);
    case 'dead-end': return bar(t.alert);
    case 'dead-end-accepted': return bar(t.accepted);
    case 'pain': return `<rect x="${x}" y="${y - 8}" width="26" height="16" rx="4" fill="${c(t.cardFill)}" stroke="${c(t.pain)}" stroke-width="1.5"/>${painMarker(x + 8, y + 4, t.pain)}`;
    case 'feels': return `<circle cx="${x + 13}" cy="${y}" r="8" fill="${c(t.positive)}"/><text x="${x + 13}" y="${y + 3.5}" text-anchor="middle" font-size="9" font-weight="700" fill="${c(t.onAccent)}">+2</text>`;
    case 'meets': return metricMarker(x + 13, y, t.meets, false);
    case 'misses': return metricMarker(x + 13, y, t.misses, false);
    case 'no-target': return metricMarker(x + 13, y, t.noTarget, false);
    case 'computed': return metricMarker(x + 13, y, t.muted, true);
    case 'improvement': return `<text x="${x + 13}" y="${y + 4}" text-anchor="middle" font-size="${DIMENSIONS.smallSize}" font-weight="700" fill="${c(t.meets)}">\u2191</text>`;
    case 'visibility': return `<line x1="${x}" y1="${y}" x2="${x + 26}" y2="${y}" stroke="${c(t.visibility)}" stroke-width="2" stroke-dasharray="6 3"/>`;
    case 'curve': return curveSwatch(t, e.style ?? 0, x, y);
    case 'unknown-lane': return `<rect x="${x}" y="${y - 7}" width="26" height="14" fill="${c(t.problemFill)}" stroke="${c(t.alert)}"/>`;
    case 'compare-added': return `<rect x="${x + 1}" y="${y - 7}" width="24" height="14" rx="3" fill="${c(t.cardFill)}" stroke="${c(t.compareAdded)}" stroke-width="2.5"/>`;
    case 'compare-changed': return `<rect x="${x + 1}" y="${y - 7}" width="24" height="14" rx="3" fill="${c(t.cardFill)}" stroke="${c(t.compareChanged)}" stroke-width="2.5"/>`;
    case 'compare-removed': return `<rect x="${x + 1}" y="${y - 7}" width="24" height="14" rx="3" fill="${c(t.cardFill)}" fill-opacity="0.5" stroke="${c(t.compareRemoved)}" stroke-width="1.5" stroke-dasharray="4 2"/><line x1="${x + 5}" y1="${y}" x2="${x + 21}" y2="${y}" stroke="${c(t.compareRemoved)}" stroke-width="1.3"/>`;
    case 'curve-before': return beforeSwatch(t, e.style ?? 0, x, y);
  }
}

/** The legend as one group: a mark and its words per entry. */
export function legendSvg(entries: LegendEntry[], t: SvgTheme): string {
  const p: string[] = [`<g data-key="legend" class="jm-legend" font-size="${DIMENSIONS.smallSize}">`];
  for (const e of entries) {
    p.push(`<g class="jm-legend-entry" data-mark="${e.mark}">${markSvg(e, t)}<text x="${n(e.x + LEGEND_MARK_WIDTH)}" y="${n(e.y + 4)}" fill="${escapeXml(t.muted)}">${escapeXml(e.label)}</text></g>`);
  }
  p.push('</g>');
  return p.join('');
}

/** A text block (improvements, footer): headings, text and muted lines, as `blockHeight` counts them. */
export function textBlockSvg(block: TextBlock, t: SvgTheme): string {
  const M = DIMENSIONS;
  const p: string[] = [`<g class="jm-block" data-key="block:${escapeXml(block.key)}">`];
  let y = block.y;
  for (const line of block.lines) {
    const lineAttr = line.line !== undefined ? ` data-line="${line.line}"` : '';
    const x = block.x + (line.indent ?? 0);
    if (line.style === 'heading') {
      p.push(`<text x="${n(block.x)}" y="${n(y + 16)}" font-size="${M.stageHeaderSize}" font-weight="700" fill="${escapeXml(t.foreground)}">${escapeXml(line.text)}</text>`);
      y += 22;
    } else if (line.style === 'text') {
      p.push(`<text x="${n(x)}" y="${n(y + 12)}" font-size="${M.fontSize}" fill="${escapeXml(t.foreground)}"${lineAttr}>${escapeXml(line.text)}</text>`);
      y += M.lineHeight + 1;
    } else {
      p.push(`<text x="${n(x)}" y="${n(y + 11)}" font-size="${M.smallSize}" fill="${escapeXml(t.muted)}"${lineAttr}>${escapeXml(line.text)}</text>`);
      y += M.smallLineHeight + 2;
    }
  }
  p.push('</g>');
  return p.join('');
}
