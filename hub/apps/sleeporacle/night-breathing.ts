/**
 * A finished night's breathing, screened from the chest strap's RR intervals the store holds for
 * it: the apnea probability of each minute and the night's apnea–hypopnea estimate.
 */
import type { StoreQuery } from '../../store/index.js';
import type { ApneaScreening } from './apnea-screening.js';
import type { NightApnea } from './night-apnea-store.js';
import type { RrBeat } from './night-rr-cleaning.js';

const MINUTE = 60_000;
/** A racing heart through a sixteen-hour night: more beats than any night has. */
const MAX_NIGHT_BEATS = 16 * 3600 * 3;

export interface NightBreathing {
  readonly apnea: NightApnea;
  /** Each scored minute's probability, at the minute's start. */
  readonly minutes: readonly { readonly ts: number; readonly probability: number }[];
}

/**
 * Undefined when the night has no RR at all (no strap worn), or more beats than any night has (the
 * store would answer in minutes), so it is looked at again if its RR changes.
 */
export async function screenNightBreathing(
  query: StoreQuery,
  screening: ApneaScreening,
  personId: string,
  night: { readonly start: number; readonly end: number },
): Promise<NightBreathing | undefined> {
  const rr = query.querySeries({ metric: 'rr_interval', personId, from: night.start, to: night.end, maxPoints: MAX_NIGHT_BEATS });
  if (rr.points.length === 0 || rr.resolution !== 'raw') return undefined;
  const beats: RrBeat[] = rr.points.map((p) => ({ t: (p.ts - night.start) / 1000, rrMs: p.value }));
  const minutes = Math.ceil((night.end - night.start) / MINUTE);
  const scored = await screening.scoreNight(beats, minutes);
  const estimate = scored.night;
  return {
    apnea: {
      start: night.start,
      end: night.end,
      validMinutes: estimate.validMinutes,
      apneaMinutes: estimate.apneaMinutes,
      estimatedAhi: estimate.estimatedAhi ?? null,
      category: estimate.category ?? null,
      model: screening.version,
    },
    minutes: scored.minutes.flatMap((m) => (m.probability === undefined ? [] : [{ ts: night.start + m.minute * MINUTE, probability: m.probability }])),
  };
}
