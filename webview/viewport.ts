/**
 * Zoom and pan of the diagram inside its viewport, by CSS transform (set through the CSSOM, which
 * the CSP allows). Wheel with Ctrl/Cmd zooms around the pointer, plain wheel pans, dragging the
 * background pans, and "fit" scales the whole diagram into the window. A map opens whole only when
 * it is readable that way; a large one opens at a readable zoom (see `open`).
 */
export interface ViewportState {
  zoom: number;
  panX: number;
  panY: number;
  fit: boolean;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;
/**
 * Below this zoom the cards' 12 px text is under 6 px on screen: a map that only fits the window
 * that small opens at OPENING_ZOOM instead, at its first stage or at the card under the cursor.
 */
export const READABLE_FIT = 0.5;
export const OPENING_ZOOM = 0.8;
/** Room kept left of a shown stage for the lane rail (webview/laneRail.ts). */
const RAIL_ROOM = 160;

export class Viewport {
  state: ViewportState;
  private contentWidth = 0;
  private contentHeight = 0;
  private drag?: { x: number; y: number; panX: number; panY: number; moved: boolean };

  constructor(
    private readonly viewport: HTMLElement,
    private readonly content: HTMLElement,
    initial: Partial<ViewportState>,
    private readonly onChange: (state: ViewportState) => void,
  ) {
    this.state = { zoom: initial.zoom ?? 1, panX: initial.panX ?? 0, panY: initial.panY ?? 0, fit: initial.fit ?? true };
    viewport.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    viewport.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    viewport.addEventListener('pointermove', (e) => this.onPointerMove(e));
    viewport.addEventListener('pointerup', (e) => this.onPointerUp(e));
    viewport.addEventListener('pointercancel', (e) => this.onPointerUp(e));
    new ResizeObserver(() => { if (this.state.fit) this.fitToWindow(); }).observe(viewport);
  }

  /** True right after a drag: the click that ends it must not reveal a card. */
  get dragged(): boolean {
    return this.drag?.moved ?? false;
  }

  setContentSize(width: number, height: number): void {
    this.contentWidth = width;
    this.contentHeight = height;
    if (this.state.fit) this.fitToWindow();
    else this.apply();
  }

  fitToWindow(): void {
    const zoom = this.fitZoom();
    if (zoom === undefined) return;
    const vw = this.viewport.clientWidth;
    const vh = this.viewport.clientHeight;
    this.state = { zoom, panX: (vw - this.contentWidth * zoom) / 2, panY: Math.max(8, (vh - this.contentHeight * zoom) / 2), fit: true };
    this.apply();
  }

  /**
   * How a map is first shown: whole when that is readable, else at a readable zoom from its top
   * left corner, or centred on `focus` (the card under the editor's cursor) when there is one.
   */
  open(width: number, height: number, focus?: { x: number; y: number; width: number; height: number }): void {
    this.contentWidth = width;
    this.contentHeight = height;
    const fit = this.fitZoom();
    if (fit === undefined || fit >= READABLE_FIT) {
      this.state.fit = true;
      this.fitToWindow();
      return;
    }
    const zoom = OPENING_ZOOM;
    if (focus) {
      this.state = { ...this.state, zoom, fit: false };
      this.centreOn(focus);
      return;
    }
    this.state = { zoom, panX: 8, panY: 8, fit: false };
    this.apply();
  }

  /** Puts a rectangle of the diagram (content pixels) in the middle of the window, at the current zoom. */
  centreOn(rect: { x: number; y: number; width: number; height: number }): void {
    const { zoom } = this.state;
    const vw = this.viewport.clientWidth;
    const vh = this.viewport.clientHeight;
    this.state = { ...this.state, panX: vw / 2 - (rect.x + rect.width / 2) * zoom, panY: vh / 2 - (rect.y + rect.height / 2) * zoom, fit: false };
    this.apply();
  }

  /** Actual size: around `focus` (the highlighted card) when given, else around the window's centre. */
  actualSize(focus?: { x: number; y: number; width: number; height: number }): void {
    if (!focus) {
      this.setZoom(1);
      return;
    }
    this.state = { ...this.state, zoom: 1 };
    this.centreOn(focus);
  }

  private fitZoom(): number | undefined {
    const vw = this.viewport.clientWidth;
    const vh = this.viewport.clientHeight;
    if (!this.contentWidth || !this.contentHeight || !vw || !vh) return undefined;
    return Math.max(MIN_ZOOM, Math.min(1.5, (vw - 16) / this.contentWidth, (vh - 16) / this.contentHeight));
  }

  zoomBy(factor: number, cx = this.viewport.clientWidth / 2, cy = this.viewport.clientHeight / 2): void {
    const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, this.state.zoom * factor));
    const k = zoom / this.state.zoom;
    this.state = { zoom, panX: cx - (cx - this.state.panX) * k, panY: cy - (cy - this.state.panY) * k, fit: false };
    this.apply();
  }

  setZoom(zoom: number): void {
    this.zoomBy(zoom / this.state.zoom);
  }

  panBy(dx: number, dy: number): void {
    this.state = { ...this.state, panX: this.state.panX + dx, panY: this.state.panY + dy, fit: false };
    this.apply();
  }

  /** Brings a rectangle of the diagram (content pixels) into view if it is not. */
  reveal(x: number, y: number, width: number, height: number): void {
    const { zoom, panX, panY } = this.state;
    const vw = this.viewport.clientWidth;
    const vh = this.viewport.clientHeight;
    const left = x * zoom + panX, top = y * zoom + panY, right = (x + width) * zoom + panX, bottom = (y + height) * zoom + panY;
    if (left >= 0 && top >= 0 && right <= vw && bottom <= vh) return;
    this.centreOn({ x, y, width, height });
  }

  /**
   * Shows a column of the diagram (content pixels: its x and width, and the y to put at the top)
   * at a readable zoom: as wide as the window allows, never above actual size.
   */
  showColumn(x: number, width: number, top: number): void {
    const vw = this.viewport.clientWidth;
    if (!vw || !width) return;
    // Right of the lane rail (150 px), which names the lanes while their headers are out of view.
    const left = Math.min(RAIL_ROOM, vw / 4);
    const zoom = Math.max(MIN_ZOOM, Math.min(1, (vw - left - 16) / width));
    this.state = { zoom, panX: Math.max(left, left + (vw - left - width * zoom) / 2) - x * zoom, panY: 8 - top * zoom, fit: false };
    this.apply();
  }

  private apply(): void {
    this.content.style.transform = `translate(${this.state.panX}px, ${this.state.panY}px) scale(${this.state.zoom})`;
    this.onChange(this.state);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const rect = this.viewport.getBoundingClientRect();
    if (e.ctrlKey || e.metaKey) this.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - rect.left, e.clientY - rect.top);
    else this.panBy(-(e.shiftKey ? e.deltaY : e.deltaX), e.shiftKey ? 0 : -e.deltaY);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0 && e.button !== 1) return;
    this.drag = { x: e.clientX, y: e.clientY, panX: this.state.panX, panY: this.state.panY, moved: false };
  }

  private onPointerMove(e: PointerEvent): void {
    if (!this.drag) return;
    const dx = e.clientX - this.drag.x;
    const dy = e.clientY - this.drag.y;
    if (!this.drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!this.drag.moved) this.viewport.setPointerCapture(e.pointerId);
    this.drag.moved = true;
    this.viewport.classList.add('panning');
    this.state = { ...this.state, panX: this.drag.panX + dx, panY: this.drag.panY + dy, fit: false };
    this.apply();
  }

  private onPointerUp(e: PointerEvent): void {
    if (!this.drag) return;
    this.viewport.classList.remove('panning');
    if (this.viewport.hasPointerCapture(e.pointerId)) this.viewport.releasePointerCapture(e.pointerId);
    const moved = this.drag.moved;
    // Keep `dragged` true through the click event that follows, then clear it.
    setTimeout(() => { if (this.drag?.moved === moved) this.drag = undefined; }, 0);
    if (!moved) this.drag = undefined;
  }
}
