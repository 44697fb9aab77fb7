/**
 * The diagram room: the service blueprint as a picture. The layout (lanes as rows, stages as
 * columns, cards in sequence columns, flow and handoff edges with placed labels, one emotion curve
 * per customer lane, the legend and, in full detail, the improvements and footer), text measured
 * with real font metrics, edge routing with the grid router or an injected elk, and the SVG
 * renderer with its themes; in compare mode, the marks of what changed since another version
 * (./compare). It imports base, format, parse, evidence and diff; the preview, `journeymap render`
 * and exports all draw through it.
 */
export * from './types';
export { DIMENSIONS, FLOW_PORT_DY } from './dimensions';
export { countCrossings } from './crossings';
export { hypothesis } from '../format';
export { layoutJourney, type LayoutOptions, type LayoutSource } from './layout';
export type { CompareOptions } from './compare';
export {
  ellipsize, EMBEDDED_MEASURE, FONT_FAMILY, FONT_RANGE_SIZE, FONT_RANGES, normalizeSpace, pageMeasure, tableMeasure, wrapText,
  type TextMeasure, type WidthTable,
} from './textMetrics';
export {
  ELK_LIMITS, ELK_MAX_TOUCHPOINTS, ELK_OPTIONS, elkBound, routeWithElk, type ElkEdge, type ElkGraph, type ElkLike, type ElkRouteOptions,
} from './elk';
export {
  cardTooltipText, DARK_THEME, escapeXml, joinSvg, LIGHT_THEME, renderSvg, renderSvgParts, roundedPath, stripUnsafe, THEMES,
  type RenderOptions, type SvgLayer, type SvgLeaf, type SvgParts, type SvgTheme,
} from './render';
