import { ROLLUP_RESOLUTIONS, type QueryResolution, type RollupResolution } from './types.js';

export interface QueryPlan {
  readonly resolution: QueryResolution;
  /** Width of one output point; a multiple of the source resolution. */
  readonly widthMs: number;
  /** Rows are read from here (the query start, aligned down to the source's buckets). */
  readonly sourceFrom: number;
}

const COARSEST_FIRST: readonly RollupResolution[] = [...ROLLUP_RESOLUTIONS].sort((a, b) => b - a);

/**
 * Chooses where a chart's points come from when the readings themselves are too many. The source
 * is the coarsest rollup that is still no coarser than the point width the chart needs, so the
 * answer comes close to `maxPoints` points while reading at most ~60 rows per point; raw samples
 * are grouped only when even minute rollups would be too coarse (a range under maxPoints minutes).
 * Rollup buckets are read whole, so a chart's first and last points may include readings up to
 * one source bucket outside [from, to).
 */
export function planQuery(from: number, to: number, maxPoints: number, rawAvailable: boolean): QueryPlan {
  const start = Math.max(0, from);
  // A single point may be as wide as need be, but its source must still be no coarser than the range.
  const target = maxPoints === 1 ? to - start : widthFor(start, to, maxPoints);
  const resolution = COARSEST_FIRST.find((r) => r * 1000 <= target);
  if (resolution === undefined && rawAvailable) return { resolution: 'raw', widthMs: target, sourceFrom: start };
  const chosen = resolution ?? 60;
  const bucketMs = chosen * 1000;
  const sourceFrom = Math.floor(start / bucketMs) * bucketMs;
  const widthMs = Math.ceil(widthFor(sourceFrom, to, maxPoints) / bucketMs) * bucketMs;
  return { resolution: chosen, widthMs, sourceFrom };
}

/**
 * The narrowest width W for which rows in [lo, to), grouped by floor(ts / W), make at most
 * maxPoints groups: the groups touched number at most floor((to - 1 - lo) / W) + 2.
 */
function widthFor(lo: number, to: number, maxPoints: number): number {
  if (maxPoints === 1) return Math.max(to, 1);
  return Math.floor((to - 1 - lo) / (maxPoints - 1)) + 1;
}
