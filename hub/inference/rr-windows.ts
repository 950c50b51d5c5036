/** Cuts a labelled beat series into the fixed-length RR windows that the AF screen scores. */
import type { LabelledBeat } from './afdb-records.js';

/** Beats per window: about 45 s to a minute at resting rates. */
export const AF_WINDOW_BEATS = 60;

export interface LabelledRrWindow {
  readonly recordId: string;
  readonly startBeat: number;
  readonly rrMs: readonly number[];
  readonly afFraction: number;
  /** A window is AF when at least half of its beats are annotated AFIB. */
  readonly isAf: boolean;
}

/** Windows every `step` beats (non-overlapping by default); a window with beats before the first rhythm annotation is left out. */
export function labelledWindows(
  recordId: string,
  beats: readonly LabelledBeat[],
  length = AF_WINDOW_BEATS,
  step = length,
): LabelledRrWindow[] {
  const windows: LabelledRrWindow[] = [];
  for (let start = 0; start + length <= beats.length; start += step) {
    const slice = beats.slice(start, start + length);
    if (slice.some((b) => b.rhythm === undefined)) continue;
    const afBeats = slice.filter((b) => b.rhythm === 'AFIB').length;
    windows.push({
      recordId,
      startBeat: start,
      rrMs: slice.map((b) => b.rrMs),
      afFraction: afBeats / length,
      isAf: afBeats * 2 >= length,
    });
  }
  return windows;
}
