/**
 * The page's own font, measured: the advance width of every character the layout measures exactly
 * (FONT_RANGES), regular and bold, in thousandths of an em, with a canvas set to the font the
 * diagram is drawn in. The host lays the picture out with these widths, so text fits the font
 * that actually draws it (a wider UI font no longer overflows the cards).
 */
import { FONT_RANGES } from '../src/core/diagram';
import type { PageFont } from '../src/shared/previewMessages';

export function measurePageFont(): PageFont | undefined {
  const family = getComputedStyle(document.body).fontFamily;
  const context = document.createElement('canvas').getContext('2d');
  if (!family || !context) return undefined;
  const widths = (weight: string): number[] => {
    context.font = `${weight} 1000px ${family}`;
    const out: number[] = [];
    for (const [from, to] of FONT_RANGES) {
      for (let code = from; code <= to; code++) out.push(Math.round(context.measureText(String.fromCodePoint(code)).width));
    }
    return out;
  };
  return { family, regular: widths('normal'), bold: widths('bold') };
}
