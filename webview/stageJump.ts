/**
 * The stage jump: a menu of the picture's stages, and `[` / `]` for the previous and next stage.
 * Jumping shows one stage at a readable zoom (its column filling the window, at most actual size)
 * with its header at the top, so a map of 40 touchpoints or more is read stage by stage; Fit (0)
 * goes back to the whole picture.
 */
import type { Layout, StageColumn } from '../src/core/diagram';
import type { Viewport } from './viewport';
import { placeUnder } from './menus';

export class StageJump {
  private layout: Layout | undefined;
  private currentIndex = -1;

  constructor(private readonly button: HTMLElement, private readonly menu: HTMLElement, private readonly viewport: Viewport) {
    button.addEventListener('click', () => {
      menu.hidden = !menu.hidden;
      if (!menu.hidden) placeUnder(menu, button);
    });
    document.addEventListener('pointerdown', (e) => {
      const target = e.target as Element | null;
      if (!menu.hidden && !target?.closest('#stages-menu, #stages-button')) menu.hidden = true;
    });
  }

  update(layout: Layout): void {
    this.layout = layout;
    const signature = JSON.stringify(layout.stages.map((s) => [s.key, s.name, s.touchpointCount]));
    if (this.menu.dataset.signature === signature) return;
    this.menu.dataset.signature = signature;
    this.menu.replaceChildren();
    layout.stages.forEach((stage, i) => {
      const item = document.createElement('button');
      item.type = 'button';
      item.className = 'menu-item';
      item.dataset.stage = stage.key;
      // Text only: stage names come from the map.
      item.textContent = `${stage.index + 1}. ${stage.name} (${stage.touchpointCount})`;
      item.addEventListener('click', () => { this.menu.hidden = true; this.show(i); });
      this.menu.appendChild(item);
    });
    this.button.toggleAttribute('disabled', layout.stages.length < 2);
  }

  /** `]`: the next stage; `[`: the previous one (from the first or last when none is shown yet). */
  step(delta: 1 | -1): void {
    const count = this.layout?.stages.length ?? 0;
    if (!count) return;
    const next = this.currentIndex < 0 ? (delta > 0 ? 0 : count - 1) : Math.max(0, Math.min(count - 1, this.currentIndex + delta));
    this.show(next);
  }

  hide(): void {
    this.menu.hidden = true;
  }

  private show(i: number): void {
    const stage: StageColumn | undefined = this.layout?.stages[i];
    if (!stage) return;
    this.currentIndex = i;
    this.viewport.showColumn(stage.x, stage.width, stage.y);
    for (const item of this.menu.querySelectorAll<HTMLElement>('.menu-item')) item.classList.toggle('current', item.dataset.stage === stage.key);
  }
}
