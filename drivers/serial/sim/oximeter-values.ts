/** What a simulated oximeter shows during one second. */
export interface OximeterSecond {
  readonly spo2: number;
  readonly pulseRate: number;
  /** Percent; only protocols that carry it send it. */
  readonly perfusionIndex?: number;
  /** The finger is out: the device sends its sentinels instead of values. */
  readonly probeOff?: boolean;
}

/** A pleth-like wave, 1..100, at `pulseRate` beats a minute; `t` in seconds. */
export function plethAt(t: number, pulseRate: number): number {
  const phase = (t * pulseRate) / 60;
  const wave = Math.sin(2 * Math.PI * phase) + 0.35 * Math.sin(4 * Math.PI * phase + 0.6);
  return Math.max(1, Math.min(100, Math.round(50 + 35 * wave)));
}
