interface ZoneFormats {
  readonly zone: string;
  readonly hm: Intl.DateTimeFormat;
  readonly dayHm: Intl.DateTimeFormat;
}

/** Times as the household reads them, in its own time zone ('' = the box's). */
export class LocalTime {
  private made: ZoneFormats | undefined;

  /** `timeZone` is asked each time, so a zone the household changes holds from the next alert on. */
  constructor(private readonly timeZone: string | (() => string)) {}

  /** `07:40` */
  clock(ts: number): string {
    return this.formats().hm.format(ts);
  }

  dayAndClock(ts: number): string {
    return this.formats().dayHm.format(ts);
  }

  /** Minutes since local midnight. */
  minuteOfDay(ts: number): number {
    const parts = this.formats().hm.formatToParts(ts);
    const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
    const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
    return hour * 60 + minute;
  }

  /** The formatters for the zone now in force, made again only when it changed. */
  private formats(): ZoneFormats {
    const zone = typeof this.timeZone === 'string' ? this.timeZone : this.timeZone();
    if (this.made?.zone !== zone) {
      const options = zone === '' ? {} : { timeZone: zone };
      this.made = {
        zone,
        hm: new Intl.DateTimeFormat('en-GB', { ...options, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
        dayHm: new Intl.DateTimeFormat('en-GB', { ...options, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      };
    }
    return this.made;
  }
}
