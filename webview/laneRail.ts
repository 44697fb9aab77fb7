/**
 * The lane rail: when the picture is panned so that its lane headers are out of view (a stage
 * shown at a readable zoom, say), the lanes' names stay on the left edge of the window, each level
 * with its lane, so every card can still be read as "who does this". Names are text (textContent).
 */
import type { Layout } from '../src/core/diagram';
import type { ViewportState } from './viewport';

export class LaneRail {
  private layout: Layout | undefined;
  private signature = '';

  constructor(private readonly rail: HTMLElement) {}

  setLayout(layout: Layout): void {
    this.layout = layout;
    const signature = JSON.stringify(layout.lanes.map((l) => [l.key, l.name, l.kind, l.problem !== undefined]));
    if (signature === this.signature) return;
    this.signature = signature;
    this.rail.replaceChildren(...layout.lanes.map((lane) => {
      const item = document.createElement('div');
      item.className = `rail-lane kind-${lane.problem ? 'unknown' : lane.kind}`;
      item.textContent = lane.name;
      item.title = `${lane.name} (${lane.problem ? 'not defined' : lane.kind})`;
      return item;
    }));
  }

  /** Shown only while the header column is out of view; each name level with its lane. */
  update(view: ViewportState): void {
    const layout = this.layout;
    // Out of view: the picture is panned left past its own edge and the headers' text is off screen
    // (at a zoom-to-fit the headers are small but there, and the rail would cover them).
    const headerRight = layout ? (layout.grid.x - 10) * view.zoom + view.panX : 0;
    const show = !!layout && view.panX < 0 && headerRight < 60;
    this.rail.hidden = !show;
    if (!show || !layout) return;
    const items = this.rail.children;
    layout.lanes.forEach((lane, i) => {
      const item = items[i] as HTMLElement | undefined;
      if (!item) return;
      item.style.top = `${lane.y * view.zoom + view.panY}px`;
      item.style.height = `${lane.height * view.zoom}px`;
    });
  }
}
