/** Cuffs, scales, meters and thermometers wake only to measure: quiet for a day is normal for them. */
export const OCCASIONAL_USE_UNAVAILABLE_AFTER_MS = 3 * 86_400_000;
