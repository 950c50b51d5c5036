import type { AlertsConfig } from './alerts-config.js';
import type { LocalTime } from './local-time.js';
import type { Severity } from './severity.js';

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Quiet hours hold low-severity alerts back from the loud channels; critical ones are never held. */
export class QuietHours {
  private readonly start: number;
  private readonly end: number;
  private readonly held: ReadonlySet<Severity>;

  constructor(
    private readonly settings: AlertsConfig['quietHours'],
    private readonly time: LocalTime,
  ) {
    this.start = minutesOf(settings.start);
    this.end = minutesOf(settings.end);
    this.held = new Set<Severity>(settings.hold.filter((s) => s !== ('critical' as Severity)));
  }

  isQuiet(ts: number): boolean {
    if (!this.settings.enabled || this.start === this.end) return false;
    const now = this.time.minuteOfDay(ts);
    return this.start < this.end ? now >= this.start && now < this.end : now >= this.start || now < this.end;
  }

  holds(severity: Severity, ts: number): boolean {
    return severity !== 'critical' && this.held.has(severity) && this.isQuiet(ts);
  }
}
