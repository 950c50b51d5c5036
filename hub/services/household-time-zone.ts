/**
 * The household's own time zone, as set on the dashboard (household settings): what quiet hours
 * and the times in alert texts are read in. The API, which keeps the settings, says it at start and
 * whenever the owner changes it; the parts read it each time they need it.
 */
export class HouseholdTimeZone {
  private zone = '';

  /** An IANA zone such as `Europe/Berlin`; '' while the household has not chosen one. */
  current(): string {
    return this.zone;
  }

  /** The household's zone, else `fallback` (a part's own config; '' there means the box's zone). */
  orElse(fallback: string): string {
    return this.zone === '' ? fallback : this.zone;
  }

  /** The zone to read local times in now: the household's, else `fallback`, else the box's own. */
  inForce(fallback: string): string {
    const zone = this.orElse(fallback);
    return zone === '' ? Intl.DateTimeFormat().resolvedOptions().timeZone : zone;
  }

  set(zone: string): void {
    this.zone = zone;
  }
}
