/**
 * One card as SVG markup, and its plain-text tooltip. The rows are drawn top to bottom in the
 * order `cardHeight` (./cards) counts them: header (channel, feels), title, pains, metrics (a
 * computed metric's note under it), the improvements line. Everything drawn stays inside the card.
 */
import { STATUS_WORDS } from '../format';
import { DIMENSIONS, FLOW_PORT_DY } from './dimensions';
import { compareCardOpen, compareMarks } from './compareSvg';
import { escapeXml, n } from './svgText';
import type { SvgTheme } from './theme';
import type { Card, MetricBadge } from './types';

export function feelsColor(theme: SvgTheme, feels: number): string {
  return feels > 0 ? theme.positive : feels < 0 ? theme.negative : theme.neutral;
}

export function feelsText(feels: number): string {
  return feels > 0 ? `+${feels}` : feels < 0 ? `\u2212${-feels}` : '0';
}

function statusColor(theme: SvgTheme, status: string): string {
  return status === 'meets' ? theme.meets : status === 'misses' ? theme.misses : theme.noTarget;
}

/** The marker of a metric's status: a circle for a typed value, a diamond for one computed from tickets. */
export function metricMarker(cx: number, cy: number, color: string, computed: boolean): string {
  if (!computed) return `<circle cx="${n(cx)}" cy="${n(cy)}" r="3.5" fill="${escapeXml(color)}"/>`;
  return `<path class="jm-computed" d="M${n(cx)} ${n(cy - 4.5)} L${n(cx + 4.5)} ${n(cy)} L${n(cx)} ${n(cy + 4.5)} L${n(cx - 4.5)} ${n(cy)} Z" fill="${escapeXml(color)}"/>`;
}

/** The pain marker: a small warning triangle. */
export function painMarker(x: number, baseline: number, color: string): string {
  return `<path d="M${n(x + 5)} ${n(baseline - 8)} L${n(x + 10)} ${n(baseline + 1)} L${n(x)} ${n(baseline + 1)} Z" fill="${escapeXml(color)}"/>`;
}

function metricTitle(m: MetricBadge): string {
  const computed = m.computed ? ` Computed from ${m.source ?? 'a ticket export'}${m.computed.rows !== undefined ? `, n ${m.computed.rows}` : ''}${m.computed.period ? `, ${m.computed.period}` : ''}${m.computed.problem ? `: ${m.computed.problem}` : ''}.` : '';
  return `${m.name}: ${m.value ?? 'no value'}${m.target ? `, target ${m.target}` : ''} (${STATUS_WORDS[m.status]}${m.gap ? ` by ${m.gap}` : ''}).${computed}`;
}

function metricRows(card: Card, t: SvgTheme, withTitle: boolean, top: number, p: string[]): number {
  const M = DIMENSIONS;
  let y = top;
  p.push('<g class="jm-metrics" data-layer="metrics">');
  for (let i = 0; i < card.metricRows; i++) {
    const m = card.metrics[i];
    const more = i === card.metricRows - 1 && card.metrics.length > card.metricRows;
    const color = more ? t.noTarget : statusColor(t, m.status);
    const lines = more ? [`+${card.metrics.length - card.metricRows + 1} more metrics`] : m.lines;
    p.push(`<g class="jm-metric" data-status="${more ? 'more' : m.status}"${m.computed && !more ? ' data-computed="true"' : ''}>`);
    if (!more && withTitle) p.push(`<title>${escapeXml(metricTitle(m))}</title>`);
    p.push(`<rect x="${M.cardPadding - 2}" y="${n(y)}" width="${card.width - 2 * M.cardPadding + 4}" height="${lines.length * M.smallLineHeight + 1}" rx="4" fill="${escapeXml(color)}" fill-opacity="0.12"/>`);
    p.push(metricMarker(M.cardPadding + 5, y + 7, color, !more && m.computed !== undefined));
    lines.forEach((line, k) => p.push(`<text x="${M.cardPadding + 14}" y="${n(y + 11 + k * M.smallLineHeight)}" font-size="${M.smallSize}" fill="${escapeXml(t.cardText)}">${escapeXml(line)}</text>`));
    y += lines.length * M.smallLineHeight + 3;
    if (!more) {
      for (const note of m.noteLines) {
        p.push(`<text class="jm-metric-note" x="${M.cardPadding + 14}" y="${n(y + 8)}" font-size="${M.smallSize - 1}" fill="${escapeXml(t.muted)}">${escapeXml(note)}</text>`);
        y += M.smallLineHeight - 1;
      }
    }
    p.push('</g>');
  }
  p.push('</g>');
  return y + 4;
}

function endMark(card: Card, t: SvgTheme): string {
  const py = FLOW_PORT_DY;
  const color = card.deadEndAccepted ? t.accepted : t.alert;
  const title = card.deadEndAccepted ? 'End of the journey here (next: []), accepted by the team' : 'Dead end: next: [] before the journey ends';
  return `<g class="jm-dead-end${card.deadEndAccepted ? ' jm-accepted' : ''}"><title>${escapeXml(title)}</title><line x1="${card.width}" y1="${py}" x2="${card.width + 10}" y2="${py}" stroke="${escapeXml(color)}" stroke-width="2"/><line x1="${card.width + 10}" y1="${py - 7}" x2="${card.width + 10}" y2="${py + 7}" stroke="${escapeXml(color)}" stroke-width="3"/></g>`;
}

export function cardSvg(card: Card, t: SvgTheme, withTitle: boolean): string {
  const M = DIMENSIONS;
  const p: string[] = [];
  const painful = card.pains.length > 0;
  const ghost = card.compare?.kind === 'removed';
  if (card.compare) p.push(compareCardOpen(card, painful));
  else p.push(`<g class="jm-card${painful ? ' jm-has-pains' : ''}" data-key="card:${escapeXml(card.key)}" data-id="${escapeXml(card.key)}" data-line="${card.line}" data-lane="${escapeXml(card.laneKey)}" data-stage="${escapeXml(card.stageKey)}" data-column="${card.column}"${card.customer ? ' data-customer="true"' : ''} transform="translate(${n(card.x)} ${n(card.y)})" tabindex="0">`);
  if (withTitle) p.push(`<title>${escapeXml(cardTooltipText(card))}</title>`);
  const body = p.length;
  p.push(`<rect class="jm-card-box" x="0" y="0" width="${card.width}" height="${card.height}" rx="6" fill="${escapeXml(t.cardFill)}" stroke="${ghost ? 'none' : escapeXml(painful ? t.pain : t.cardStroke)}" stroke-width="${painful ? 1.5 : 1}"/>`);
  if (card.channelLabel) p.push(`<text x="${M.cardPadding}" y="15" font-size="${M.smallSize - 0.5}" font-weight="700" fill="${escapeXml(t.muted)}">${escapeXml(card.channelLabel)}</text>`);
  if (card.feels !== undefined) {
    const color = feelsColor(t, card.feels);
    p.push(`<g class="jm-feels"><circle cx="${card.width - 16}" cy="13" r="9" fill="${escapeXml(color)}"/>`);
    p.push(`<text x="${card.width - 16}" y="16.5" text-anchor="middle" font-size="10" font-weight="700" fill="${escapeXml(t.onAccent)}">${feelsText(card.feels)}</text></g>`);
  }
  let y: number = M.cardHeaderHeight;
  for (const [i, line] of card.titleLines.entries()) {
    p.push(`<text x="${M.cardPadding}" y="${y + 11 + i * M.lineHeight}" font-size="${M.fontSize}" font-weight="700" fill="${escapeXml(t.cardText)}">${escapeXml(line)}</text>`);
  }
  y += card.titleLines.length * M.lineHeight + 6;
  if (card.painLines.length) {
    p.push('<g class="jm-pains" data-layer="pains">');
    for (const line of card.painLines) {
      if (line.marked) p.push(painMarker(M.cardPadding, y + 11, t.pain));
      p.push(`<text x="${M.cardPadding + 14}" y="${n(y + 11)}" font-size="${M.smallSize}" font-style="italic" fill="${escapeXml(t.pain)}">${escapeXml(line.text)}</text>`);
      y += M.smallLineHeight;
    }
    p.push('</g>');
    y += 4;
  }
  if (card.metricRows) y = metricRows(card, t, withTitle, y, p);
  if (card.improvementLabel) {
    p.push(`<g class="jm-improvement-mark" data-layer="improvements"><title>${escapeXml(`Improvements planned: ${card.improvements.join(', ')}`)}</title>`);
    p.push(`<text x="${M.cardPadding}" y="${n(y + 11)}" font-size="${M.smallSize}" font-weight="700" fill="${escapeXml(t.meets)}">${escapeXml(card.improvementLabel)}</text></g>`);
  }
  if (card.deadEnd) p.push(endMark(card, t));
  if (card.compare) compareMarks(card, t, p, body);
  p.push('</g>');
  return p.join('');
}

/** The plain-text tooltip of a card (native `<title>`), also used by tests. */
export function cardTooltipText(card: Card): string {
  const lines = [card.name, ...(card.compare?.changes ?? [])];
  if (card.channel) lines.push(`Channel: ${card.channel}`);
  if (card.feels !== undefined) lines.push(`Feels: ${feelsText(card.feels)}`);
  if (card.does) lines.push(`Does: ${card.does}`);
  if (card.thinks) lines.push(`Thinks: ${card.thinks}`);
  for (const pain of card.pains) lines.push(`Pain: ${pain}`);
  for (const m of card.metrics) lines.push(`${m.name}: ${m.value ?? 'no value'}${m.target ? ` (target ${m.target}, ${STATUS_WORDS[m.status]}${m.gap ? ` by ${m.gap}` : ''})` : ''}${m.computed ? ' [computed]' : ''}`);
  if (card.improvements.length) lines.push(`Improvements: ${card.improvements.join(', ')}`);
  if (card.runbook) lines.push(`Runbook: ${card.runbook}`);
  return lines.join('\n');
}
