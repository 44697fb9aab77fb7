/** One card as SVG markup (channel, feels, title, pains, metrics, marks), and its plain-text tooltip. */
import { STATUS_WORDS } from '../format';
import { DIMENSIONS, FLOW_PORT_DY } from './dimensions';
import { escapeXml, n } from './svgText';
import type { SvgTheme } from './theme';
import type { Card } from './types';

export function feelsColor(theme: SvgTheme, feels: number): string {
  return feels > 0 ? theme.positive : feels < 0 ? theme.negative : theme.neutral;
}

export function feelsText(feels: number): string {
  return feels > 0 ? `+${feels}` : feels < 0 ? `\u2212${-feels}` : '0';
}

function statusColor(theme: SvgTheme, status: string): string {
  return status === 'meets' ? theme.meets : status === 'misses' ? theme.misses : theme.noTarget;
}

export function cardSvg(card: Card, t: SvgTheme, withTitle: boolean): string {
  const M = DIMENSIONS;
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
      if (!more && withTitle) p.push(`<title>${escapeXml(`${m.name}: ${m.value ?? 'no value'}${m.target ? `, target ${m.target}` : ''} (${STATUS_WORDS[m.status]}${m.gap ? ` by ${m.gap}` : ''})`)}</title>`);
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
  for (const m of card.metrics) lines.push(`${m.name}: ${m.value ?? 'no value'}${m.target ? ` (target ${m.target}, ${STATUS_WORDS[m.status]}${m.gap ? ` by ${m.gap}` : ''})` : ''}`);
  if (card.runbook) lines.push(`Runbook: ${card.runbook}`);
  return lines.join('\n');
}
