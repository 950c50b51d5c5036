import type { SimulatedPerson } from './household-profile.js';
import { randomFor, type SeededRandom } from '../../core/seeded-random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Local hour of day (fractional) for a UTC time; the simulated household lives at UTC. */
export function hourOfDay(ts: number): number {
  return (((ts % DAY) + DAY) % DAY) / HOUR;
}

export function isAsleep(person: SimulatedPerson, ts: number): boolean {
  const h = hourOfDay(ts);
  return person.sleepHour > person.wakeHour ? h >= person.sleepHour || h < person.wakeHour : h >= person.sleepHour && h < person.wakeHour;
}

/** Evening exercise on alternate days, 40 minutes from 18:00. */
export function isExercising(ts: number): boolean {
  const day = Math.floor(ts / DAY);
  const h = hourOfDay(ts);
  return day % 2 === 0 && h >= 18 && h < 18 + 40 / 60;
}

/**
 * A person's moment-to-moment heart: circadian swing, sleep, everyday activity as a slowly varying
 * level, exercise, and beat-to-beat variability. Stateful, advanced one second at a time.
 */
export class HeartModel {
  private activity = 0;

  constructor(
    private readonly person: SimulatedPerson,
    private readonly rng: SeededRandom,
  ) {}

  /** Heart rate in bpm at `ts`; call about once a second. */
  heartRate(ts: number): number {
    const asleep = isAsleep(this.person, ts);
    // Activity drifts towards a level that depends on the time of day (Ornstein–Uhlenbeck).
    const target = asleep ? 0 : 0.18;
    this.activity += 0.02 * (target - this.activity) + 0.03 * this.rng.gaussian();
    this.activity = Math.min(1, Math.max(0, this.activity));
    const circadian = 4 * Math.sin(((hourOfDay(ts) - 10) / 24) * 2 * Math.PI);
    const exercise = isExercising(ts) ? 55 : 0;
    const breathing = breathingEventAt(this.person, ts) ? breathingEventSwing(ts % 60_000) : 0;
    const base = this.person.restingHr + (asleep ? -6 : 4) + circadian + 45 * this.activity + exercise + breathing;
    return Math.max(38, base + 1.2 * this.rng.gaussian());
  }

  /** RR intervals (ms) for the beats of one second at `hr`, with respiratory sinus arrhythmia. */
  rrIntervals(ts: number, hr: number): number[] {
    const mean = 60_000 / hr;
    const beats = Math.max(1, Math.round(hr / 60 + (this.rng.next() - 0.5)));
    const intervals: number[] = [];
    for (let i = 0; i < beats; i++) {
      const breathing = 0.035 * Math.sin((2 * Math.PI * (ts + i * mean)) / 4000);
      intervals.push(mean * (1 + breathing + 0.012 * this.rng.gaussian()));
    }
    // An occasional premature beat followed by a compensatory pause, as real hearts do.
    if (this.rng.chance(0.002) && intervals.length > 0) {
      intervals[0] = mean * 0.65;
      intervals.push(mean * 1.35);
    }
    return intervals;
  }
}

/**
 * Whether the minute of `ts` holds one of the person's breathing events at night (an apnea or
 * hypopnea). Events come in runs, one a minute, as obstructive apneas do: each hour of sleep has
 * one run, as many minutes long as the person has events an hour, starting at a minute fixed by
 * the hour, so the oximeter's dip and the strap's heart agree on it.
 */
export function breathingEventAt(person: SimulatedPerson, ts: number): boolean {
  if (!isAsleep(person, ts)) return false;
  const perHour = person.nightDesaturationsPerHour;
  const hour = Math.floor(ts / HOUR);
  // Under one an hour: the hour has its run (of one minute) only so often.
  const length = Math.max(1, Math.round(perHour));
  if (perHour < 1 && !randomFor('breathing-run', person.id, hour).chance(perHour)) return false;
  const first = Math.floor(randomFor('breathing-run-start', person.id, hour).next() * (60 - length));
  const minute = Math.floor((ts % HOUR) / 60_000);
  return minute >= first && minute < first + length;
}

/**
 * The heart's swing through a breathing event: it slows while breathing stops (the first 40 s of
 * the minute) and races when it starts again, as the cyclic variation of heart rate in sleep apnea.
 */
function breathingEventSwing(intoMinuteMs: number): number {
  if (intoMinuteMs < 40_000) return -8 * (intoMinuteMs / 40_000);
  if (intoMinuteMs < 55_000) return 16 * Math.sin((Math.PI * (intoMinuteMs - 40_000)) / 15_000);
  return 0;
}

/** Oxygen saturation and perfusion at `ts`, with night dips for people prone to them. */
export function oxygen(person: SimulatedPerson, ts: number, rng: SeededRandom): { spo2: number; perfusionIndex: number } {
  let spo2 = person.spo2 + 0.7 * rng.gaussian();
  if (isAsleep(person, ts)) {
    spo2 -= 1;
    // Dips last about 40 s.
    if (breathingEventAt(person, ts) && ts % 60_000 < 40_000) spo2 -= 6;
  }
  return { spo2: Math.min(100, Math.max(80, spo2)), perfusionIndex: Math.max(0.4, 3 + 0.8 * rng.gaussian()) };
}

/** A blood-pressure measurement taken at `ts` (morning readings run a little higher). */
export function bloodPressure(person: SimulatedPerson, ts: number): { systolic: number; diastolic: number; pulse: number; irregular: boolean } {
  const rng = randomFor('bp', person.id, ts);
  const morning = hourOfDay(ts) < 12 ? 5 : 0;
  const systolic = Math.round(person.systolic + morning + 6 * rng.gaussian());
  const diastolic = Math.round(Math.min(systolic - 25, person.diastolic + morning / 2 + 4 * rng.gaussian()));
  return { systolic, diastolic, pulse: Math.round(person.restingHr + 4 + 3 * rng.gaussian()), irregular: rng.chance(0.03) };
}

/** Morning weight: a slow trend over weeks plus day-to-day water swings. */
export function bodyWeight(person: SimulatedPerson, ts: number): number {
  const day = Math.floor(ts / DAY);
  const trend = 0.6 * Math.sin((day / 45) * 2 * Math.PI);
  return Math.round((person.weightKg + trend + 0.35 * randomFor('weight', person.id, day).gaussian()) * 200) / 200;
}

export function bodyTemperature(person: SimulatedPerson, ts: number): number {
  const circadian = 0.25 * Math.sin(((hourOfDay(ts) - 11) / 24) * 2 * Math.PI);
  return Math.round((36.7 + circadian + 0.15 * randomFor('temperature', person.id, ts).gaussian()) * 100) / 100;
}
