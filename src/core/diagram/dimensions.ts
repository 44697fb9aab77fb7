/** The diagram's sizes in pixels: the layout measures with them and the renderer draws with them. */
export const DIMENSIONS = {
  margin: 24,
  titleSize: 20,
  subtitleSize: 12.5,
  labelWidth: 168,
  stageHeaderSize: 13,
  laneLabelSize: 13,
  fontSize: 12,
  smallSize: 10.5,
  lineHeight: 15,
  smallLineHeight: 13,
  cardWidth: 188,
  cardPadding: 10,
  cardHeaderHeight: 22,
  /** Horizontal gap between card slots in a column (a routing channel). */
  slotGap: 32,
  /** Vertical gap between card rows inside one cell. */
  rowGap: 18,
  /** Padding inside a column on each side (two of them make the channel between columns). */
  columnPadding: 30,
  /** Padding inside a lane above and below its cards (two of them make the gutter between lanes). */
  lanePadding: 24,
  curveHeight: 120,
  legendHeight: 34,
  maxTitleLines: 4,
  maxPainLines: 2,
  maxMetricRows: 4,
  maxSlots: 3,
  trackSpacing: 5,
} as const;

/** The y offset of a card's flow ports (in and out), from the card's top. */
export const FLOW_PORT_DY = 16;
/** The y offset of a card's handoff ports from the card's bottom. */
export const HANDOFF_PORT_DY = 12;

