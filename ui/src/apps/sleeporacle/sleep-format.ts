/** How SleepOracle says a length of time and a night's date. */

export function hoursAndMinutes(minutes: number): string {
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  return hours === 0 ? `${whole % 60} min` : `${hours} h ${whole % 60} min`;
}

/** "Mon 30 Nov" for the night's local date. */
export { dateLabel as nightLabel } from '../../format/local-date.js';
