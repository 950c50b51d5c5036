/**
 * `hearth eval illness`: on each person's unmodified data, counts false flags per person-month;
 * then injects illness-like elevations at fixed onsets, one at a time, and reports how many are
 * flagged during the elevation and how many hours after onset.
 */
import { elevationDurationHours, injectElevation, type Elevation } from './illness-injection.js';
import type { IllnessWarning } from './illness-warning.js';
import { HOUR_MS, hourlyRestingHrFromMinutes, minuteHeartRate, minuteSteps } from './resting-hr.js';
import { BASELINE_DAYS } from './rhr-baseline.js';
import { median } from './stats.js';
import { listWearablePeople, readWearablePerson } from './wearable-replay.js';

const DAY_MS = 24 * HOUR_MS;
/** Peak rises (bpm) injected; infections raise resting HR by about 3–10 bpm for several days. */
export const INJECTED_PEAKS_BPM = [4, 6, 8] as const;
const SHAPE = { riseHours: 24, plateauHours: 72, fallHours: 48 } as const;
/** Onsets start after two weeks of history and are this far apart. */
const FIRST_ONSET_DAYS = 14;
const ONSET_SPACING_DAYS = 10;

export interface PersonIllnessFigures {
  readonly personId: string;
  readonly days: number;
  readonly falseFlags: number;
  readonly injections: number;
  readonly detected: number;
}

export interface IllnessEvaluation {
  readonly dataDir: string;
  readonly people: number;
  readonly personMonths: number;
  readonly falseFlags: number;
  readonly falseFlagsPerPersonMonth: number;
  readonly injections: number;
  readonly detected: number;
  readonly detectionRate: number;
  readonly medianHoursToFlag: number | null;
  readonly byPeakBpm: Readonly<Record<string, { injections: number; detected: number; detectionRate: number; medianHoursToFlag: number | null }>>;
  readonly perPerson: readonly PersonIllnessFigures[];
  readonly injection: string;
}

const round = (v: number, digits = 3): number => Math.round(v * 10 ** digits) / 10 ** digits;

export async function evaluateIllness(warning: IllnessWarning, dataDir: string): Promise<IllnessEvaluation> {
  const perPerson: PersonIllnessFigures[] = [];
  const delays: { peak: number; hours: number | undefined }[] = [];
  for (const personId of await listWearablePeople(dataDir)) {
    const person = await readWearablePerson(dataDir, personId);
    const minuteHr = minuteHeartRate(person.hr);
    const steps = minuteSteps(person.steps);
    const hours = hourlyRestingHrFromMinutes(minuteHr, steps);
    const first = hours[0]?.ts;
    const last = hours[hours.length - 1]?.ts;
    if (first === undefined || last === undefined) continue;
    const days = (last - first) / DAY_MS;
    const falseFlags = warning.illnessFlags(await warning.illnessScores(hours)).length;

    let injections = 0;
    let detected = 0;
    for (let onset = first + FIRST_ONSET_DAYS * DAY_MS; onset + 6 * DAY_MS <= last; onset += ONSET_SPACING_DAYS * DAY_MS) {
      for (const peakBpm of INJECTED_PEAKS_BPM) {
        const elevation: Elevation = { onsetTs: Math.floor(onset / HOUR_MS) * HOUR_MS, peakBpm, ...SHAPE };
        const end = elevation.onsetTs + elevationDurationHours(elevation) * HOUR_MS;
        const injected = hourlyRestingHrFromMinutes(injectElevation(minuteHr, elevation), steps);
        const relevant = injected.filter((h) => h.ts >= elevation.onsetTs - (BASELINE_DAYS + 2) * DAY_MS && h.ts < end);
        const scores = await warning.illnessScores(relevant, elevation.onsetTs - DAY_MS);
        const flag = warning.illnessFlags(scores).find((ts) => ts.ts >= elevation.onsetTs && ts.ts < end);
        injections++;
        if (flag !== undefined) detected++;
        delays.push({ peak: peakBpm, hours: flag === undefined ? undefined : (flag.ts - elevation.onsetTs) / HOUR_MS });
      }
    }
    perPerson.push({ personId, days: round(days, 1), falseFlags, injections, detected });
  }
  const personMonths = perPerson.reduce((sum, p) => sum + p.days, 0) / 30;
  const falseFlags = perPerson.reduce((sum, p) => sum + p.falseFlags, 0);
  const summarise = (subset: typeof delays) => {
    const found = subset.flatMap((d) => (d.hours === undefined ? [] : [d.hours]));
    return {
      injections: subset.length,
      detected: found.length,
      detectionRate: subset.length === 0 ? 0 : round(found.length / subset.length),
      medianHoursToFlag: found.length === 0 ? null : median(found),
    };
  };
  const overall = summarise(delays);
  return {
    dataDir,
    people: perPerson.length,
    personMonths: round(personMonths, 2),
    falseFlags,
    falseFlagsPerPersonMonth: round(personMonths === 0 ? 0 : falseFlags / personMonths),
    ...overall,
    byPeakBpm: Object.fromEntries(INJECTED_PEAKS_BPM.map((p) => [String(p), summarise(delays.filter((d) => d.peak === p))])),
    perPerson,
    injection:
      `added to every minute of heart rate: linear rise over ${SHAPE.riseHours} h to the peak, ${SHAPE.plateauHours} h plateau, ` +
      `linear fall over ${SHAPE.fallHours} h; onsets from day ${FIRST_ONSET_DAYS}, every ${ONSET_SPACING_DAYS} days, one at a time; ` +
      'detected when a flag is raised between onset and the end of the elevation',
  };
}
