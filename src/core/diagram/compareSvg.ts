/**
 * Compare mode's marks on a card (./compare): a NEW or CHANGED card gets a ring in its colour and a
 * tag in its header; a removed touchpoint's ghost is faded, outlined with a dash, its name struck
 * through and tagged REMOVED. A ghost's line is the other side's, so it carries no `data-line` and
 * is no link to the source. Cards carry `data-compare` (added, changed, removed).
 */
import { TAG_SIZE } from './compare';
import { DIMENSIONS } from './dimensions';
import { escapeXml, n } from './svgText';
import type { SvgTheme } from './theme';
import type { Card, CardCompare } from './types';

export function compareColor(t: SvgTheme, kind: CardCompare['kind']): string {
  return kind === 'added' ? t.compareAdded : kind === 'changed' ? t.compareChanged : t.compareRemoved;
}

/** The card's opening tag in compare mode. */
export function compareCardOpen(card: Card, painful: boolean): string {
  const kind = card.compare!.kind;
  const ghost = kind === 'removed';
  const classes = `jm-card${painful ? ' jm-has-pains' : ''} jm-compare-${kind}${ghost ? ' jm-ghost' : ''}`;
  return `<g class="${classes}" data-key="card:${escapeXml(card.key)}" data-id="${escapeXml(card.key)}"${ghost ? '' : ` data-line="${card.line}"`} data-compare="${kind}" data-lane="${escapeXml(card.laneKey)}" data-stage="${escapeXml(card.stageKey)}" data-column="${card.column}"${card.customer ? ' data-customer="true"' : ''} transform="translate(${n(card.x)} ${n(card.y)})"${ghost ? '' : ' tabindex="0"'}>`;
}

/** A tag in the card's header, left of the feels badge: a filled pill with the word. */
export function compareTag(x: number, y: number, tag: string, color: string, t: SvgTheme, width: number): string {
  return `<g class="jm-compare-tag"><rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="13" rx="6.5" fill="${escapeXml(color)}"/>`
    + `<text x="${n(x + width / 2)}" y="${n(y + 9.8)}" text-anchor="middle" font-size="${TAG_SIZE}" font-weight="700" fill="${escapeXml(t.compareTagText)}">${escapeXml(tag)}</text></g>`;
}

/**
 * Adds the marks to a card's markup: `p` from `body` on is the card's content. A ghost's content
 * is faded as a whole; its outline, strike-through and tag stay at full strength to be read.
 */
export function compareMarks(card: Card, t: SvgTheme, p: string[], body: number): void {
  const { kind, tag, strike, tagWidth: width } = card.compare!;
  const color = compareColor(t, kind);
  const M = DIMENSIONS;
  if (kind === 'removed') {
    p.splice(body, 0, '<g class="jm-ghost-body" opacity="0.5">');
    p.push('</g>');
    p.push(`<rect class="jm-compare-ring" x="0" y="0" width="${card.width}" height="${card.height}" rx="6" fill="none" stroke="${escapeXml(color)}" stroke-width="1.5" stroke-dasharray="5 3"/>`);
    (strike ?? []).forEach((w, i) => {
      const y = M.cardHeaderHeight + 11 + i * M.lineHeight - 4;
      p.push(`<line class="jm-strike" x1="${M.cardPadding - 1}" y1="${n(y)}" x2="${n(M.cardPadding + w + 1)}" y2="${n(y)}" stroke="${escapeXml(color)}" stroke-width="1.3"/>`);
    });
  } else {
    p.push(`<rect class="jm-compare-ring" x="-3.5" y="-3.5" width="${card.width + 7}" height="${card.height + 7}" rx="8" fill="none" stroke="${escapeXml(color)}" stroke-width="2.5"/>`);
  }
  const right = card.feels !== undefined ? card.width - 29 : card.width - 8;
  p.push(compareTag(right - width, 5.5, tag, color, t, width));
}
