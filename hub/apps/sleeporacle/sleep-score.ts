/**
 * A night's sleep score, 0–100, made of parts the sleep page shows one by one, so nobody has to
 * take the number on trust. Each part scores 0–100 and has a weight:
 * - duration (40): 7–9 h asleep scores 100 (the American Academy of Sleep Medicine's 7 h or more
 *   for adults), falling linearly to 0 at 3 h short of 7 or 4 h beyond 9;
 * - regularity (20): the Sleep Regularity Index of the weeks before, 0 or less scoring 0;
 * - awakenings (20): none or one scores 100, each further one 15 less;
 * - resting heart rate (20): at or below the person's baseline scores 100, 10 less per bpm above.
 * A part without data (no baseline yet, too few days for regularity) is left out and the weights
 * of the others carry the score.
 */

export interface SleepScorePart {
  readonly name: 'duration' | 'regularity' | 'awakenings' | 'resting_heart_rate';
  readonly score: number;
  readonly weight: number;
  /** What the part saw, in words for the page. */
  readonly detail: string;
}

export interface SleepScore {
  readonly score: number;
  readonly parts: readonly SleepScorePart[];
}

export interface SleepScoreInput {
  readonly asleepMinutes: number;
  readonly awakenings: number;
  readonly regularityIndex: number | undefined;
  /** The night's lowest sustained heart rate and the person's usual one, bpm. */
  readonly restingHeartRate: number | undefined;
  readonly baselineRestingHeartRate: number | undefined;
}

const clamp = (value: number): number => Math.max(0, Math.min(100, value));

export function sleepScore(input: SleepScoreInput): SleepScore {
  const hours = input.asleepMinutes / 60;
  const parts: SleepScorePart[] = [
    {
      name: 'duration',
      weight: 40,
      score: clamp(hours < 7 ? 100 - ((7 - hours) / 3) * 100 : hours > 9 ? 100 - ((hours - 9) / 4) * 100 : 100),
      detail: `${Math.floor(hours)} h ${Math.round(input.asleepMinutes % 60)} min asleep`,
    },
    {
      name: 'awakenings',
      weight: 20,
      score: clamp(100 - Math.max(0, input.awakenings - 1) * 15),
      detail: input.awakenings === 1 ? '1 awakening' : `${input.awakenings} awakenings`,
    },
  ];
  if (input.regularityIndex !== undefined) {
    parts.push({ name: 'regularity', weight: 20, score: clamp(input.regularityIndex), detail: `sleep regularity ${Math.round(input.regularityIndex)} of 100` });
  }
  if (input.restingHeartRate !== undefined && input.baselineRestingHeartRate !== undefined) {
    const above = input.restingHeartRate - input.baselineRestingHeartRate;
    parts.push({
      name: 'resting_heart_rate',
      weight: 20,
      score: clamp(100 - Math.max(0, above) * 10),
      detail: above > 0.5 ? `resting heart rate ${Math.round(above)} bpm above your baseline` : 'resting heart rate at or below your baseline',
    });
  }
  const weights = parts.reduce((sum, part) => sum + part.weight, 0);
  return { score: Math.round(parts.reduce((sum, part) => sum + part.score * part.weight, 0) / weights), parts };
}
