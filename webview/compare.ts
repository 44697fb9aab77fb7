/**
 * Compare mode in the page: the toolbar says what the picture is compared with and how many cards
 * are new, changed and removed, and offers to leave compare mode; the counts the render event
 * reports are the marks the page's DOM really holds, not what the layout meant to draw.
 */
import type { Layout } from '../src/core/diagram';
import type { CompareCounts } from '../src/shared/previewMessages';

/** The compare marks drawn in the page, counted in its DOM. */
export function countCompareMarks(content: HTMLElement): CompareCounts {
  const count = (kind: string) => content.querySelectorAll(`.jm-card[data-compare="${kind}"]`).length;
  return { added: count('added'), removed: count('removed'), changed: count('changed') };
}

export class CompareBar {
  constructor(private readonly group: HTMLElement, private readonly label: HTMLElement, exit: HTMLElement, onExit: () => void) {
    exit.addEventListener('click', onExit);
  }

  /** Shows the bar for a picture in compare mode, hides it otherwise; returns the counts to report. */
  update(layout: Layout, content: HTMLElement): CompareCounts | undefined {
    document.body.classList.toggle('comparing', !!layout.compare);
    if (!layout.compare) {
      this.group.hidden = true;
      return undefined;
    }
    const counts = countCompareMarks(content);
    this.group.hidden = false;
    this.label.textContent = layout.compare.otherUnreadable
      ? `${layout.compare.label} cannot be read as a journey map: there is nothing to compare with`
      : `Compared with ${layout.compare.label}: ${counts.added} new, ${counts.changed} changed, ${counts.removed} removed`;
    return counts;
  }
}
