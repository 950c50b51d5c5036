/**
 * The ranges a person's daily figures are clamped to before noise. The noise grows with the width,
 * so these are the bands daily means of real people fall in, not the plausibility limits of a
 * single reading. A metric without bounds is never sent.
 */
export const RESEARCH_BOUNDS: Readonly<Record<string, readonly [number, number]>> = {
  heart_rate: [40, 140],
  resting_heart_rate: [35, 110],
  pulse_rate: [40, 140],
  spo2: [80, 100],
  body_temperature: [35, 39.5],
  bp_systolic: [80, 200],
  bp_diastolic: [40, 120],
  body_weight: [2, 250],
  glucose: [50, 300],
  steps: [0, 2000],
  respiratory_rate: [6, 40],
  hrv_rmssd: [5, 200],
  // NutriVerse's entries, per entry (a day's total is its mean times n): sent only if the household
  // lists them in relay.research.metrics. A dose taken, or missed, is never sent.
  energy_intake: [0, 1500],
  water_intake: [0, 1000],
  caffeine_intake: [0, 300],
  sodium_intake: [0, 2000],
};

/** Readings per day beyond this add nothing to a population figure; capping bounds the count's noise. */
export const COUNT_CAP = 100;

/** How a metric's share of the day's ε is divided among the five figures sent for it. */
export const EPSILON_SHARES = { n: 0.1, mean: 0.5, sd: 0.2, min: 0.1, max: 0.1 } as const;
