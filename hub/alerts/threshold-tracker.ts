/** Which side of a line is bad, how long it must stay bad, and how far back is good again. */
export interface ThresholdLine {
  readonly below?: number;
  readonly above?: number;
  readonly forMs: number;
  readonly hysteresis: number;
}

export type ThresholdOutcome =
  | { readonly kind: 'fire'; readonly since: number; readonly worst: number }
  | { readonly kind: 'clear' }
  | undefined;

/**
 * One watched value (a person's SpO2, a device's battery): fires once the value has been past the
 * line for the whole duration, and clears only when it is back past the line by the hysteresis.
 * A value between the line and the clearing point changes nothing, so a value hovering at the line
 * neither restarts the wait nor flaps.
 */
export class ThresholdTracker {
  private pendingSince: number | undefined;
  private worst: number | undefined;
  private firing = false;

  constructor(private readonly line: ThresholdLine) {}

  get isFiring(): boolean {
    return this.firing;
  }

  /** Starts out firing: an alert for it was open before a restart. */
  prime(): void {
    this.firing = true;
  }

  observe(value: number, ts: number): ThresholdOutcome {
    if (this.breaches(value)) {
      if (this.firing) return undefined;
      this.pendingSince ??= ts;
      this.worst = this.worst === undefined ? value : this.worse(this.worst, value);
      if (ts - this.pendingSince < this.line.forMs) return undefined;
      this.firing = true;
      return { kind: 'fire', since: this.pendingSince, worst: this.worst };
    }
    if (!this.clears(value)) return undefined;
    this.pendingSince = undefined;
    this.worst = undefined;
    if (!this.firing) return undefined;
    this.firing = false;
    return { kind: 'clear' };
  }

  private breaches(value: number): boolean {
    const { below, above } = this.line;
    return (below !== undefined && value < below) || (above !== undefined && value > above);
  }

  private clears(value: number): boolean {
    const { below, above, hysteresis } = this.line;
    if (below !== undefined) return value >= below + hysteresis;
    if (above !== undefined) return value <= above - hysteresis;
    return true;
  }

  private worse(a: number, b: number): number {
    return this.line.below !== undefined ? Math.min(a, b) : Math.max(a, b);
  }
}
