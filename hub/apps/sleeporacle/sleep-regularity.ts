/**
 * The Sleep Regularity Index (Phillips et al. 2017, Scientific Reports 7:3216): the chance that a
 * person is in the same state, asleep or awake, at two moments 24 hours apart, scaled so that 100
 * is the same schedule every day and 0 a schedule that is random. Minute epochs; pairs where
 * either minute has no data are left out, and the number of pairs used is returned beside it.
 */

import type { SleepSession } from './sleep-sessions.js';

export interface SleepRegularity {
  /** −100 to 100; undefined with fewer than `minPairs` usable pairs. */
  readonly index: number | undefined;
  readonly pairs: number;
}

const MINUTE = 60_000;
const DAY_MINUTES = 1440;

export interface SleepRegularityOptions {
  /** The span to judge, whole minutes. */
  readonly from: number;
  readonly to: number;
  /** Spans with data (the wearable was worn); a minute outside every one of them is unknown. */
  readonly covered: readonly { readonly start: number; readonly end: number }[];
  /** Too few pairs say nothing: five days of data by default. */
  readonly minPairs?: number;
}

export function sleepRegularity(sessions: readonly Pick<SleepSession, 'start' | 'end'>[], options: SleepRegularityOptions): SleepRegularity {
  const minutes = Math.max(0, Math.floor((options.to - options.from) / MINUTE));
  // Minute i starts at from + i·MINUTE; a span [start, end) holds the minutes from index
  // ceil((start − from) / MINUTE) up to, not including, ceil((end − from) / MINUTE).
  const UNKNOWN = -1;
  const states = new Int8Array(minutes).fill(UNKNOWN);
  const mark = (span: { readonly start: number; readonly end: number }, value: number, onlyKnown: boolean): void => {
    const first = Math.max(0, Math.ceil((span.start - options.from) / MINUTE));
    const last = Math.min(minutes, Math.ceil((span.end - options.from) / MINUTE));
    for (let i = first; i < last; i++) if (!onlyKnown || states[i] !== UNKNOWN) states[i] = value;
  };
  for (const span of options.covered) mark(span, 0, false);
  for (const session of sessions) mark(session, 1, true);
  let pairs = 0;
  let same = 0;
  for (let i = 0; i + DAY_MINUTES < minutes; i++) {
    const a = states[i];
    const b = states[i + DAY_MINUTES];
    if (a === UNKNOWN || b === UNKNOWN) continue;
    pairs++;
    if (a === b) same++;
  }
  const minPairs = options.minPairs ?? 5 * DAY_MINUTES;
  return { index: pairs >= minPairs ? 200 * (same / pairs) - 100 : undefined, pairs };
}
