/** The hover card of a touchpoint: metrics with status, pains, runbook. Built with textContent only. */
import type { Card, Layout } from '../src/core/diagram';
import { STATUS_WORDS } from '../src/core/format';


function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class Tooltip {
  private key?: string;

  constructor(private readonly root: HTMLElement, private readonly openRunbook: (runbook: string) => void) {
    root.hidden = true;
    root.addEventListener('click', (e) => {
      const link = (e.target as Element).closest('[data-runbook]');
      if (link) this.openRunbook(link.getAttribute('data-runbook') ?? '');
    });
  }

  show(card: Card, layout: Layout, x: number, y: number): void {
    if (this.key !== card.key || this.root.hidden) this.fill(card, layout);
    this.key = card.key;
    this.root.hidden = false;
    this.move(x, y);
  }

  move(x: number, y: number): void {
    if (this.root.hidden) return;
    const w = this.root.offsetWidth;
    const h = this.root.offsetHeight;
    const left = x + 16 + w > window.innerWidth ? Math.max(4, x - w - 12) : x + 16;
    const top = y + 16 + h > window.innerHeight ? Math.max(4, window.innerHeight - h - 4) : y + 16;
    this.root.style.left = `${left}px`;
    this.root.style.top = `${top}px`;
  }

  hide(): void {
    this.root.hidden = true;
    this.key = undefined;
  }

  private fill(card: Card, layout: Layout): void {
    const lane = layout.lanes.find((l) => l.key === card.laneKey);
    const stage = layout.stages.find((s) => s.key === card.stageKey);
    const parts: HTMLElement[] = [];
    parts.push(el('div', 'tt-title', card.name));
    parts.push(el('div', 'tt-meta', [stage?.name, lane?.name, card.channel].filter(Boolean).join(' · ')));
    if (card.compare) {
      // Compare mode: what changed since the other side, before → after, one line each.
      const [heading, ...changes] = card.compare.changes;
      parts.push(el('div', `tt-compare tt-compare-${card.compare.kind}`, heading));
      if (changes.length) {
        const list = el('ul', 'tt-changes');
        for (const change of changes) list.appendChild(el('li', undefined, change));
        parts.push(list);
      }
    }
    if (card.feels !== undefined) parts.push(el('div', 'tt-row', `Feels ${card.feels > 0 ? '+' : ''}${card.feels} (−3 to +3)`));
    if (card.does) parts.push(el('div', 'tt-row', `Does: ${card.does}`));
    if (card.thinks) parts.push(el('div', 'tt-row', `Thinks: “${card.thinks}”`));
    if (card.pains.length) {
      const list = el('ul', 'tt-pains');
      for (const pain of card.pains) list.appendChild(el('li', undefined, pain));
      parts.push(el('div', 'tt-heading', 'Pains'), list);
    }
    if (card.metrics.length) {
      const table = el('table', 'tt-metrics');
      for (const m of card.metrics) {
        const row = el('tr');
        const status = el('td', `tt-status ${m.status}`);
        status.title = STATUS_WORDS[m.status] ?? m.status;
        row.append(status, el('td', 'tt-metric-name', m.name), el('td', undefined, m.value ?? '—'),
          el('td', 'tt-target', m.target ? `target ${m.target}` : ''),
          el('td', 'tt-gap', m.status === 'misses' && m.gap ? `misses by ${m.gap}` : m.status === 'meets' ? 'meets' : STATUS_WORDS[m.status]),
          el('td', 'tt-target', m.computed ? (m.computed.problem ?? (m.computed.rows !== undefined ? `from ${m.computed.rows} tickets` : 'from the ticket export')) : m.source ? `source ${m.source}` : ''));
        table.appendChild(row);
      }
      parts.push(el('div', 'tt-heading', 'Metrics'), table);
    }
    if (card.runbook) {
      const link = el('a', 'tt-runbook', card.runbook);
      link.setAttribute('data-runbook', card.runbook);
      link.href = '#';
      parts.push(el('div', 'tt-heading', 'Runbook'), link);
    }
    if (card.improvements.length) parts.push(el('div', 'tt-row', `Improvements planned: ${card.improvements.join(', ')}`));
    if (card.deadEnd) parts.push(el('div', 'tt-row tt-alert', 'Dead end: no next step for the customer.'));
    parts.push(el('div', 'tt-hint', card.compare?.kind === 'removed' ? 'Removed: it has no line in the map now' : 'Click to go to the source line'));
    this.root.replaceChildren(...parts);
  }
}
