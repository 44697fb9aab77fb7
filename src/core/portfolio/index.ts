/**
 * The portfolio room: every map of a workspace at a glance. A summary per map (review status,
 * findings, metrics that miss their targets worst first, improvements), the improvements board
 * across maps, and grouping. It imports base, format, parse and evidence; the Journey Maps and
 * Improvements views and `journeymap report` read it.
 */
export {
  briefSummary, DUE_SOON_DAYS, groupMaps, improvementBoard, reviewSummary, summarizeMap,
  type Grouping, type ImprovementSummary, type MapGroup, type MapSummary, type MetricMiss, type ReviewStatus, type ReviewSummary,
} from './summary';
