/**
 * The improvements panel: an impact x effort matrix (impact rows high to low, effort columns low
 * to high), each improvement as its hypothesis sentence. Built with textContent only.
 */
import type { ImprovementItem, Layout } from '../src/core/diagram';

const LEVELS = ['low', 'medium', 'high'];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class ImprovementsPanel {
  private signature = '';

  constructor(private readonly root: HTMLElement, private readonly reveal: (line: number) => void) {
    root.addEventListener('click', (e) => {
      const item = (e.target as Element).closest('[data-line]');
      if (item) this.reveal(Number(item.getAttribute('data-line')));
    });
  }

  update(layout: Layout, visible: boolean): void {
    this.root.hidden = !visible;
    if (!visible) return;
    const signature = JSON.stringify(layout.improvements);
    if (signature === this.signature) return;
    this.signature = signature;
    const parts: HTMLElement[] = [el('h2', undefined, `Improvements (${layout.improvements.length})`)];
    if (layout.improvements.length === 0) {
      parts.push(el('p', 'muted', 'No improvements yet. Add `improvements:` with experiment, outcome and signal to link the map to action.'));
      this.root.replaceChildren(...parts);
      return;
    }
    const matrix = el('div', 'matrix');
    matrix.appendChild(el('div', 'axis corner', 'impact ↓ / effort →'));
    for (const effort of LEVELS) matrix.appendChild(el('div', 'axis col', `${effort} effort`));
    const unplaced: ImprovementItem[] = [];
    const byCell = new Map<string, ImprovementItem[]>();
    for (const item of layout.improvements) {
      const impact = LEVELS.includes(item.impact ?? '') ? item.impact! : undefined;
      const effort = LEVELS.includes(item.effort ?? '') ? item.effort! : undefined;
      if (!impact || !effort) { unplaced.push(item); continue; }
      const key = `${impact}/${effort}`;
      byCell.set(key, [...(byCell.get(key) ?? []), item]);
    }
    for (const impact of [...LEVELS].reverse()) {
      matrix.appendChild(el('div', 'axis row', `${impact} impact`));
      for (const effort of LEVELS) {
        const cell = el('div', `cell impact-${impact} effort-${effort}${impact === 'high' && effort === 'low' ? ' quick-win' : ''}`);
        if (impact === 'high' && effort === 'low') cell.appendChild(el('div', 'cell-label', 'quick wins'));
        for (const item of byCell.get(`${impact}/${effort}`) ?? []) cell.appendChild(this.item(item));
        matrix.appendChild(cell);
      }
    }
    parts.push(matrix);
    if (unplaced.length) {
      parts.push(el('h3', undefined, 'Impact or effort not set'));
      for (const item of unplaced) parts.push(this.item(item));
    }
    this.root.replaceChildren(...parts);
  }

  private item(item: ImprovementItem): HTMLElement {
    const box = el('div', 'improvement');
    box.setAttribute('data-line', String(item.line));
    box.tabIndex = 0;
    box.appendChild(el('div', 'improvement-id', item.id ?? `#${item.index + 1}`));
    box.appendChild(el('div', 'sentence', item.sentence));
    const meta = [item.for.length ? `for ${item.for.join(', ')}` : '', item.owner ? `owner ${item.owner}` : 'no owner', item.due ? `due ${item.due}` : 'no due date', item.status ?? ''].filter(Boolean);
    box.appendChild(el('div', 'meta', meta.join(' · ')));
    if (item.signalStatus) box.appendChild(el('div', 'meta signal', `Signal ${item.signalStatus}`));
    return box;
  }
}
