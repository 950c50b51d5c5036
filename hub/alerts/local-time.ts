/** Times as the household reads them, in its own time zone ('' = the box's). */
export class LocalTime {
  private readonly hm: Intl.DateTimeFormat;
  private readonly dayHm: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    const zone = timeZone === '' ? {} : { timeZone };
    this.hm = new Intl.DateTimeFormat('en-GB', { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    this.dayHm = new Intl.DateTimeFormat('en-GB', { ...zone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  /** `07:40` */
  clock(ts: number): string {
    return this.hm.format(ts);
  }

  dayAndClock(ts: number): string {
    return this.dayHm.format(ts);
  }

  /** Minutes since local midnight. */
  minuteOfDay(ts: number): number {
    const parts = this.hm.formatToParts(ts);
    const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
    const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
    return hour * 60 + minute;
  }
}
