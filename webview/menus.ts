/**
 * Drop-down menus of the toolbar open under the button that opened them, wherever the toolbar has
 * wrapped it to in a narrow preview, and stay inside the window.
 */
export function placeUnder(menu: HTMLElement, button: HTMLElement): void {
  const bar = menu.offsetParent instanceof HTMLElement ? menu.offsetParent : document.body;
  const b = button.getBoundingClientRect();
  const t = bar.getBoundingClientRect();
  const room = Math.max(0, t.width - menu.offsetWidth - 4);
  menu.style.left = `${Math.max(4, Math.min(b.left - t.left, room))}px`;
  menu.style.right = 'auto';
  menu.style.top = `${b.bottom - t.top + 4}px`;
}
