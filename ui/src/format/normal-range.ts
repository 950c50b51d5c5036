import type { NormalRange } from '../api/types.js';
import { formatValue, metricUnit } from './metric-format.js';

/** Which side of a person's normal range a value lies on; undefined inside it or without a range. */
export type OutOfRange = 'below' | 'above';

/**
 * Compared in the canonical unit, as the alert rules compare: both ends belong to the range (a
 * rule alerts only beyond its line).
 */
export function outOfRange(value: number, range: NormalRange | undefined): OutOfRange | undefined {
  if (range === undefined) return undefined;
  if (range.low !== null && value < range.low.value) return 'below';
  if (range.high !== null && value > range.high.value) return 'above';
  return undefined;
}

/** "90–135 mmHg", "90 % or more", "up to 150 bpm": the range in the unit the household reads. */
export function formatRange(metric: string, range: NormalRange): string {
  const unit = metricUnit(metric);
  const withUnit = (text: string): string => (unit === '' ? text : `${text} ${unit}`);
  const { low, high } = range;
  if (low !== null && high !== null) return withUnit(`${formatValue(metric, low.value)}–${formatValue(metric, high.value)}`);
  if (low !== null) return `${withUnit(formatValue(metric, low.value))} or more`;
  if (high !== null) return `up to ${withUnit(formatValue(metric, high.value))}`;
  return '';
}

/** "Above normal, 90–135 mmHg" on a tile; "Above Alex's normal range, 90–135 mmHg" where the name is not in sight. */
export function outOfRangeText(metric: string, side: OutOfRange, range: NormalRange, personName?: string): string {
  const where = side === 'above' ? 'Above' : 'Below';
  const whose = personName === undefined ? 'normal' : `${personName}’s normal range`;
  return `${where} ${whose}, ${formatRange(metric, range)}`;
}

/** A sentence's opening word inside another sentence ("Systolic: above normal, …"). */
export const lowerFirst = (text: string): string => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
