/** Below this a device is flagged: charge or replace it soon. */
export const LOW_BATTERY = 20;

export function isLowBattery(percent: number | null | undefined): boolean {
  return percent !== null && percent !== undefined && percent < LOW_BATTERY;
}
