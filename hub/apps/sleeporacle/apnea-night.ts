/**
 * A night's apnea–hypopnea estimate from its minutes' apnea probabilities: the minutes at or above
 * the decision threshold per hour of valid RR, mapped to the scale of the apnea–hypopnea index
 * (events per hour) by a line fitted on training nights, and the usual risk categories. Pure.
 *
 * Apnea minutes per hour and AHI are not the same measure: a minute with three short hypopneas
 * counts once, so the index runs above the minute rate in severe nights (about 1.3 events per apnea
 * minute in the Apnea-ECG scoring); the fitted line carries that.
 */

export type ApneaRiskCategory = 'normal' | 'mild' | 'moderate' | 'severe';

/** Lower AHI bound of each category (events per hour, AASM): normal < 5 ≤ mild < 15 ≤ moderate < 30 ≤ severe. */
export const APNEA_CATEGORY_FLOORS = { mild: 5, moderate: 15, severe: 30 } as const;

/** Estimated AHI = slope × apnea minutes per hour + intercept, never below 0. */
export interface AhiMapping {
  readonly slope: number;
  readonly intercept: number;
}

/** Under an hour of valid RR the night gets no estimate, as an index per hour needs one. */
export const MIN_VALID_MINUTES = 60;

export interface ApneaNightEstimate {
  readonly validMinutes: number;
  readonly apneaMinutes: number;
  /** Undefined with under MIN_VALID_MINUTES of valid RR. */
  readonly apneaMinutesPerHour: number | undefined;
  readonly estimatedAhi: number | undefined;
  readonly category: ApneaRiskCategory | undefined;
}

export function apneaCategory(ahi: number): ApneaRiskCategory {
  if (ahi >= APNEA_CATEGORY_FLOORS.severe) return 'severe';
  if (ahi >= APNEA_CATEGORY_FLOORS.moderate) return 'moderate';
  if (ahi >= APNEA_CATEGORY_FLOORS.mild) return 'mild';
  return 'normal';
}

/** `probabilities` holds one entry per minute of the night; undefined for a minute not scored. */
export function apneaNightEstimate(probabilities: readonly (number | undefined)[], threshold: number, mapping: AhiMapping): ApneaNightEstimate {
  const scored = probabilities.filter((p): p is number => p !== undefined && Number.isFinite(p));
  const apneaMinutes = scored.filter((p) => p >= threshold).length;
  if (scored.length < MIN_VALID_MINUTES) {
    return { validMinutes: scored.length, apneaMinutes, apneaMinutesPerHour: undefined, estimatedAhi: undefined, category: undefined };
  }
  const apneaMinutesPerHour = (apneaMinutes * 60) / scored.length;
  const estimatedAhi = Math.max(0, mapping.slope * apneaMinutesPerHour + mapping.intercept);
  return { validMinutes: scored.length, apneaMinutes, apneaMinutesPerHour, estimatedAhi, category: apneaCategory(estimatedAhi) };
}
