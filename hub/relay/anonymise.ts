import type { AggregateCell } from '../../cloud-relay/protocol/batch.js';
import type { DailyAggregate } from './daily-aggregates.js';
import { privatise, type Random } from './laplace.js';
import { COUNT_CAP, EPSILON_SHARES, RESEARCH_BOUNDS } from './research-bounds.js';

/** Ten-year bands; everyone past 89 shares one band (HIPAA Safe Harbor). */
export function ageBand(birthYear: number | undefined, day: string): string {
  if (birthYear === undefined) return 'unknown';
  const age = Number(day.slice(0, 4)) - birthYear;
  if (age < 0 || age > 130) return 'unknown';
  if (age >= 90) return '90+';
  const low = Math.floor(age / 10) * 10;
  return `${low}-${low + 9}`;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * One person's day as cells that may leave the box: only metrics with research bounds, every
 * figure clamped and noised, the day's ε shared among them. Returns the ε actually spent.
 */
export function noisedCells(
  aggregates: readonly DailyAggregate[],
  who: { readonly pid: string; readonly day: string; readonly age: string },
  epsilonPerDay: number,
  random: Random,
): { cells: AggregateCell[]; epsilon: number } {
  const sendable = aggregates.filter((a) => RESEARCH_BOUNDS[a.metric] !== undefined);
  if (sendable.length === 0) return { cells: [], epsilon: 0 };
  const perMetric = epsilonPerDay / sendable.length;
  const cells = sendable.map((a): AggregateCell => {
    const [lo, hi] = RESEARCH_BOUNDS[a.metric] ?? [0, 0];
    const noise = (value: number, l: number, h: number, share: number) => round2(privatise(value, l, h, perMetric * share, random));
    return {
      pid: who.pid,
      day: who.day,
      age: who.age,
      metric: a.metric,
      n: noise(a.count, 0, COUNT_CAP, EPSILON_SHARES.n),
      mean: noise(a.mean, lo, hi, EPSILON_SHARES.mean),
      min: noise(a.min, lo, hi, EPSILON_SHARES.min),
      max: noise(a.max, lo, hi, EPSILON_SHARES.max),
      // The spread of values within [lo, hi] is at most half the width.
      sd: noise(a.sd, 0, (hi - lo) / 2, EPSILON_SHARES.sd),
    };
  });
  return { cells, epsilon: epsilonPerDay };
}
