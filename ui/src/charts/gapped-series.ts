import type { SeriesAnswer } from '../api/types.js';

/** uPlot's columns: times in seconds, then mean, min and max, with null where the line must break. */
export type ChartColumns = [number[], (number | null)[], (number | null)[], (number | null)[]];

/**
 * Turns the API's points into chart columns and breaks the line where readings are missing,
 * so a night without the strap shows as a gap rather than a straight line across it.
 * A gap is a step longer than twice the bucket (rollups) or, for raw readings, longer than five
 * times the usual step and at least a minute.
 */
export function toGappedColumns(answer: SeriesAnswer): ChartColumns {
  const points = answer.points;
  const columns: ChartColumns = [[], [], [], []];
  const limit = gapLimitMs(answer);
  let previous: number | undefined;
  for (const point of points) {
    if (previous !== undefined && point.ts - previous > limit) {
      columns[0].push((previous + (point.ts - previous) / 2) / 1000);
      columns[1].push(null);
      columns[2].push(null);
      columns[3].push(null);
    }
    columns[0].push(point.ts / 1000);
    columns[1].push(point.value);
    columns[2].push(point.min);
    columns[3].push(point.max);
    previous = point.ts;
  }
  return columns;
}

/**
 * Several metrics' columns on one time axis (blood pressure's two pressures): uPlot's x, then mean,
 * min and max of each metric in turn. Where one metric has a time the other has not, the other's
 * value is undefined, which uPlot draws across; its null (a gap) stays a gap.
 */
export type MergedColumns = [number[], ...(number | null | undefined)[][]];

export function mergeColumns(all: readonly ChartColumns[]): MergedColumns {
  if (all.length === 1 && all[0] !== undefined) return all[0];
  const times = [...new Set(all.flatMap((c) => c[0]))].sort((a, b) => a - b);
  const merged: MergedColumns = [times];
  for (const columns of all) {
    const at = new Map(columns[0].map((time, i) => [time, i]));
    for (const values of [columns[1], columns[2], columns[3]]) {
      merged.push(
        times.map((time) => {
          const i = at.get(time);
          return i === undefined ? undefined : values[i];
        }),
      );
    }
  }
  return merged;
}

export function gapLimitMs(answer: SeriesAnswer): number {
  if (answer.bucketMs !== null && answer.bucketMs > 0 && answer.resolution !== 'raw') return answer.bucketMs * 2;
  const steps: number[] = [];
  for (let i = 1; i < answer.points.length; i++) steps.push((answer.points[i]?.ts ?? 0) - (answer.points[i - 1]?.ts ?? 0));
  steps.sort((a, b) => a - b);
  const usual = steps[Math.floor(steps.length / 2)] ?? 0;
  return Math.max(5 * usual, 60_000, answer.bucketMs !== null ? answer.bucketMs * 2 : 0);
}

export function resolutionLabel(answer: SeriesAnswer): string {
  switch (answer.resolution) {
    case 'raw':
      return answer.bucketMs !== null && answer.bucketMs > 1000 ? 'readings, grouped' : 'every reading';
    case 60:
      return 'minute averages';
    case 3600:
      return 'hourly averages';
    case 86400:
      return 'daily averages';
  }
}
