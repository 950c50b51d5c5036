/** The hourly windows the illness autoencoder reads: the last few resting hours of a person. */
import { HOUR_MS } from './resting-hr.js';
import type { BaselinedHour } from './rhr-baseline.js';

export const ILLNESS_WINDOW_HOURS = 8;
/** The hours of one window must all lie within this span, or the window is a patchwork of days. */
export const ILLNESS_WINDOW_SPAN_HOURS = 24;

export interface IllnessWindow {
  /** The hour the window ends at, the one it scores. */
  readonly end: BaselinedHour;
  readonly hours: readonly BaselinedHour[];
}

/** One window per hour that has enough recent resting hours before it. */
export function illnessWindows(hours: readonly BaselinedHour[], length = ILLNESS_WINDOW_HOURS): IllnessWindow[] {
  const windows: IllnessWindow[] = [];
  for (let i = length - 1; i < hours.length; i++) {
    const slice = hours.slice(i - length + 1, i + 1);
    const first = slice[0];
    const end = slice[slice.length - 1];
    if (first === undefined || end === undefined) continue;
    if (end.ts - first.ts >= ILLNESS_WINDOW_SPAN_HOURS * HOUR_MS) continue;
    windows.push({ end, hours: slice });
  }
  return windows;
}
