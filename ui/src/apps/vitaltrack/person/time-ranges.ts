import type { TimeRange } from '../../../charts/time-range.js';

const HOUR = 3600_000;

export const RANGES: readonly (readonly [key: string, label: string, span: number])[] = [
  ['6h', '6 hours', 6 * HOUR],
  ['24h', '24 hours', 24 * HOUR],
  ['7d', '7 days', 7 * 24 * HOUR],
  ['30d', '30 days', 30 * 24 * HOUR],
  ['1y', 'Year', 365 * 24 * HOUR],
];

const DEFAULT_RANGE = '24h';

/** `#/people/alex?range=30d` opens the page on that range. */
export function rangeFromHash(hash = location.hash): string {
  const query = hash.split('?')[1] ?? '';
  const key = new URLSearchParams(query).get('range') ?? DEFAULT_RANGE;
  return RANGES.some(([k]) => k === key) ? key : DEFAULT_RANGE;
}

/** The range ending now. */
export function rangeFor(key: string): TimeRange {
  const span = RANGES.find(([k]) => k === key)?.[2] ?? 24 * HOUR;
  const to = Date.now();
  return { from: to - span, to };
}
