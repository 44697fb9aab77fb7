/** The diagram's sizes in pixels: the layout measures with them and the renderer draws with them. */
export const DIMENSIONS = {
  margin: 24,
  titleSize: 20,
  subtitleSize: 12.5,
  /** The lane header column, left of the grid. */
  labelWidth: 184,
  stageHeaderSize: 13,
  laneLabelSize: 13,
  fontSize: 12,
  smallSize: 10.5,
  lineHeight: 15,
  smallLineHeight: 13,
  cardWidth: 168,
  cardPadding: 10,
  cardHeaderHeight: 22,
  /** The free channel between two card columns, where edges run vertically. */
  columnGap: 40,
  /** Free space above and below the cards of a lane: two of them make the gutter between lanes. */
  lanePadding: 26,
  curveHeight: 130,
  maxTitleLines: 4,
  /** Compact detail: pains and metric badges drawn on a card (the rest are in its tooltip). */
  maxPainLines: 2,
  maxMetricRows: 4,
  /** Space between parallel edges sharing a channel or a gutter. */
  trackSpacing: 6,
  labelHeight: 18,
  legendRowHeight: 22,
} as const;

/** The y offset of a card's flow ports (in and out), from the card's top. */
export const FLOW_PORT_DY = 16;
