/**
 * The stage rail: when the picture is panned so that the stage headers are above the window (a
 * tall map read lane by lane, say), the stages' names stay on the top edge, each over its column,
 * so every card can still be read as "when does this happen". The counterpart of the lane rail
 * (webview/laneRail.ts). Names are text (textContent).
 */
import type { Layout } from '../src/core/diagram';
import type { ViewportState } from './viewport';

/** How far below a stage's top its name is drawn (render.ts: the first header line's baseline). */
const NAME_BASELINE = 22;

export class StageRail {
  private layout: Layout | undefined;
  private signature = '';

  constructor(private readonly rail: HTMLElement) {}

  setLayout(layout: Layout): void {
    this.layout = layout;
    const signature = JSON.stringify(layout.stages.map((s) => [s.key, s.name, s.index]));
    if (signature === this.signature) return;
    this.signature = signature;
    this.rail.replaceChildren(...layout.stages.map((stage) => {
      const item = document.createElement('div');
      item.className = 'rail-stage';
      item.textContent = `${stage.index + 1}. ${stage.name}`;
      item.title = stage.name;
      return item;
    }));
  }

  /** Shown only while the stage names are above the window; each name over its column. */
  update(view: ViewportState): void {
    const layout = this.layout;
    const top = layout?.stages[0] ? (layout.stages[0].y + NAME_BASELINE) * view.zoom + view.panY : 0;
    const show = !!layout && layout.stages.length > 0 && top < 4;
    this.rail.hidden = !show;
    if (!show || !layout) return;
    const items = this.rail.children;
    layout.stages.forEach((stage, i) => {
      const item = items[i] as HTMLElement | undefined;
      if (!item) return;
      item.style.left = `${stage.x * view.zoom + view.panX}px`;
      item.style.width = `${stage.width * view.zoom}px`;
    });
  }
}
