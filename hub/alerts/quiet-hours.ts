import type { QuietHoursSection } from '../services/alert-channels-service.js';
import type { LocalTime } from './local-time.js';
import type { Severity } from './severity.js';

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * Quiet hours hold low-severity alerts back from the loud channels; critical ones are never held.
 * The settings are asked for at each question, so a change on the dashboard applies at once.
 */
export class QuietHours {
  constructor(
    private readonly settings: () => QuietHoursSection,
    private readonly time: LocalTime,
  ) {}

  isQuiet(ts: number): boolean {
    const { enabled, start: from, end: to } = this.settings();
    const start = minutesOf(from);
    const end = minutesOf(to);
    if (!enabled || start === end) return false;
    const now = this.time.minuteOfDay(ts);
    return start < end ? now >= start && now < end : now >= start || now < end;
  }

  holds(severity: Severity, ts: number): boolean {
    return severity !== 'critical' && this.settings().hold.includes(severity) && this.isQuiet(ts);
  }
}
