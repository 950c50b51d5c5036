/**
 * A night's oxygen from an oximeter's SpO2 samples: the oxygen desaturation index at 3 % and 4 %
 * (events per hour of valid recording), the minutes below 90 % (T90) and the lowest value, with
 * artefacts left out and the time they cost shown. Pure: samples in, figures out.
 *
 * The rules, after the AASM scoring manual's desaturation and the oximetry literature:
 * - A sample is valid when it is a saturation a person can have (50–100 %), and not a jump no
 *   blood can make: a change of more than 4 % in one second towards a neighbour and back again
 *   (motion, a finger moved in the clip) is an artefact. Ingest already refuses the oximeters'
 *   "no finger" sentinels, so those arrive as gaps.
 * - The recording is valid only where samples are at most `maxGapMs` apart: a longer silence is a
 *   finger out of the clip, and its time counts neither as recording nor as below 90 %.
 * - An event is a fall of at least 3 % (or 4 %) below the baseline that lasts at least 10 s. The
 *   baseline is the mean of the valid samples of the 120 s before the fall, frozen while the event
 *   lasts (at least 30 s of it); the event ends at the first sample back above baseline minus the
 *   drop, or at its last sample before a gap.
 */

export interface SpO2Sample {
  /** Milliseconds since the epoch. */
  readonly t: number;
  /** Percent. */
  readonly value: number;
}

export interface DesaturationEvent {
  readonly start: number;
  readonly end: number;
  /** The mean of the 120 s before the fall. */
  readonly baseline: number;
  readonly nadir: number;
}

export interface OvernightOxygen {
  /** Time with samples close enough to trust, in minutes. */
  readonly validMinutes: number;
  /** Time lost to gaps and artefacts inside the window, in minutes. */
  readonly excludedMinutes: number;
  readonly artefacts: number;
  /** Events per hour of valid recording; undefined with under an hour of it. */
  readonly odi3: number | undefined;
  readonly odi4: number | undefined;
  readonly events3: readonly DesaturationEvent[];
  readonly events4: readonly DesaturationEvent[];
  /** Minutes below 90 %. */
  readonly t90Minutes: number;
  /** Share of valid time below 90 %, 0–1. */
  readonly t90Share: number;
  /**
   * Minutes below 88 %, added up over the night: five of them is where nocturnal hypoxaemia is
   * usually said to matter (the criterion for night oxygen), and what SleepOracle alerts on.
   */
  readonly t88Minutes: number;
  readonly lowest: number | undefined;
  readonly mean: number | undefined;
}

export interface OvernightOxygenOptions {
  /** The night's window (sleep onset to waking); samples outside it are ignored. */
  readonly from: number;
  readonly to: number;
  /** Samples further apart than this leave a gap (default 10 s). */
  readonly maxGapMs?: number;
}

const MIN_EVENT_MS = 10_000;
const BASELINE_MS = 120_000;
/** A baseline needs this much recording before the fall, so the first seconds of a night cannot score. */
const MIN_BASELINE_MS = 30_000;
/** Faster than this, a change is not blood but the probe. */
const ARTEFACT_SLOPE_PER_S = 4;
const MIN_VALID_FOR_INDEX_MS = 3_600_000;

export function overnightOxygen(samples: readonly SpO2Sample[], options: OvernightOxygenOptions): OvernightOxygen {
  const maxGapMs = options.maxGapMs ?? 10_000;
  const inWindow = samples.filter((s) => s.t >= options.from && s.t <= options.to && Number.isFinite(s.value)).sort((a, b) => a.t - b.t);
  const { valid, artefacts } = dropArtefacts(inWindow);

  let validMs = 0;
  let below90Ms = 0;
  let below88Ms = 0;
  let weightedSum = 0;
  for (let i = 0; i + 1 < valid.length; i++) {
    const here = valid[i] as SpO2Sample;
    const next = valid[i + 1] as SpO2Sample;
    const span = next.t - here.t;
    if (span > maxGapMs) continue;
    validMs += span;
    weightedSum += here.value * span;
    if (here.value < 90) below90Ms += span;
    if (here.value < 88) below88Ms += span;
  }
  const windowMs = Math.max(0, options.to - options.from);
  const events3 = desaturations(valid, 3, maxGapMs);
  const events4 = desaturations(valid, 4, maxGapMs);
  const perHour = (events: readonly DesaturationEvent[]): number | undefined => (validMs >= MIN_VALID_FOR_INDEX_MS ? events.length / (validMs / 3_600_000) : undefined);
  // A loop, not Math.min(...): a long night at 1 Hz is more arguments than a call should take.
  let lowest: number | undefined;
  for (const sample of valid) if (lowest === undefined || sample.value < lowest) lowest = sample.value;
  return {
    validMinutes: validMs / 60_000,
    excludedMinutes: Math.max(0, windowMs - validMs) / 60_000,
    artefacts,
    odi3: perHour(events3),
    odi4: perHour(events4),
    events3,
    events4,
    t90Minutes: below90Ms / 60_000,
    t90Share: validMs > 0 ? below90Ms / validMs : 0,
    t88Minutes: below88Ms / 60_000,
    lowest,
    mean: validMs > 0 ? weightedSum / validMs : undefined,
  };
}

/** A sample that jumps away from both neighbours faster than blood can is the probe, not the person. */
function dropArtefacts(samples: readonly SpO2Sample[]): { valid: SpO2Sample[]; artefacts: number } {
  const valid: SpO2Sample[] = [];
  let artefacts = 0;
  for (let i = 0; i < samples.length; i++) {
    const here = samples[i] as SpO2Sample;
    if (here.value < 50 || here.value > 100) {
      artefacts++;
      continue;
    }
    const before = valid[valid.length - 1];
    const after = samples[i + 1];
    if (before !== undefined && after !== undefined && isSpike(before, here, after)) {
      artefacts++;
      continue;
    }
    valid.push(here);
  }
  return { valid, artefacts };
}

function isSpike(before: SpO2Sample, here: SpO2Sample, after: SpO2Sample): boolean {
  const slopeIn = (here.value - before.value) / Math.max(1, (here.t - before.t) / 1000);
  const slopeOut = (after.value - here.value) / Math.max(1, (after.t - here.t) / 1000);
  return Math.abs(slopeIn) > ARTEFACT_SLOPE_PER_S && Math.abs(slopeOut) > ARTEFACT_SLOPE_PER_S && Math.sign(slopeIn) !== Math.sign(slopeOut);
}

function desaturations(samples: readonly SpO2Sample[], drop: number, maxGapMs: number): DesaturationEvent[] {
  const events: DesaturationEvent[] = [];
  // The baseline window slides over the samples before the current one.
  let windowStart = 0;
  let windowSum = 0;
  let open: { start: number; baseline: number; nadir: number; last: number } | undefined;
  /** Ends the open event at `end`: the first sample back above the line, or the last one below it before a gap. */
  const close = (end: number): void => {
    if (open !== undefined && end - open.start >= MIN_EVENT_MS) events.push({ start: open.start, end, baseline: open.baseline, nadir: open.nadir });
    open = undefined;
  };

  for (let i = 0; i < samples.length; i++) {
    const here = samples[i] as SpO2Sample;
    const previous = samples[i - 1];
    if (previous !== undefined && here.t - previous.t > maxGapMs) {
      // A gap ends any event, and the baseline starts again from what follows.
      close(open?.last ?? here.t);
      windowStart = i;
      windowSum = 0;
    }
    while (windowStart < i && here.t - (samples[windowStart] as SpO2Sample).t > BASELINE_MS) windowSum -= (samples[windowStart++] as SpO2Sample).value;
    const windowCount = i - windowStart;

    if (open !== undefined) {
      if (here.value > open.baseline - drop) close(here.t);
      else {
        open.nadir = Math.min(open.nadir, here.value);
        open.last = here.t;
      }
    } else if (windowCount > 0 && here.t - (samples[windowStart] as SpO2Sample).t >= MIN_BASELINE_MS) {
      const baseline = windowSum / windowCount;
      if (here.value <= baseline - drop) open = { start: here.t, baseline, nadir: here.value, last: here.t };
    }
    windowSum += here.value;
  }
  if (open !== undefined) close(open.last);
  return events;
}
