import { ROLLUP_RESOLUTIONS, type QueryResolution } from './types.js';

export interface QueryPlan {
  readonly resolution: QueryResolution;
  /** Width of one output point; a multiple of the source resolution. */
  readonly widthMs: number;
  /** Rows are read from here (the query start, aligned down to the source's buckets). */
  readonly sourceFrom: number;
}

/**
 * Rows a chart may read before a coarser source is preferred. Grouping costs about a microsecond
 * per row on a Raspberry Pi, so this keeps any chart well under 50 ms: a 30-day chart of 1 Hz
 * data reads 720 hourly rollups rather than 43,200 minute ones.
 */
export const SOURCE_ROW_BUDGET = 20_000;

const FINEST_FIRST = [...ROLLUP_RESOLUTIONS].sort((a, b) => a - b);

/**
 * Chooses where a chart's points come from when the readings themselves are too many: the finest
 * source that can be read within SOURCE_ROW_BUDGET rows, merged further in SQL when it still has
 * more buckets than maxPoints. Raw samples are grouped only when even minute rollups are too
 * coarse for the range and there are few enough of them.
 * Rollup buckets are read whole, so a chart's first and last points may include readings up to
 * one source bucket outside [from, to).
 */
export function planQuery(from: number, to: number, maxPoints: number, rawCount: (() => number) | null): QueryPlan {
  const start = Math.max(0, from);
  const target = widthFor(start, to, maxPoints);
  if (target < 60_000 && rawCount !== null && rawCount() <= SOURCE_ROW_BUDGET) {
    return { resolution: 'raw', widthMs: target, sourceFrom: start };
  }
  const resolution = FINEST_FIRST.find((r) => (to - start) / (r * 1000) <= SOURCE_ROW_BUDGET) ?? 86400;
  const bucketMs = resolution * 1000;
  const sourceFrom = Math.floor(start / bucketMs) * bucketMs;
  const widthMs = Math.max(1, Math.ceil(widthFor(sourceFrom, to, maxPoints) / bucketMs)) * bucketMs;
  return { resolution, widthMs, sourceFrom };
}

/**
 * The narrowest width W for which rows in [lo, to), grouped by floor(ts / W), make at most
 * maxPoints groups: the groups touched number at most floor((to - 1 - lo) / W) + 2.
 */
function widthFor(lo: number, to: number, maxPoints: number): number {
  if (maxPoints === 1) return Math.max(to, 1);
  return Math.floor((to - 1 - lo) / (maxPoints - 1)) + 1;
}
