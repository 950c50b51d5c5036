import type { Scheduler } from '../../../core/scheduler.js';
import { withLineNoise, type LineNoiseOptions } from './line-noise.js';
import type { OximeterSecond } from './oximeter-values.js';
import { simulatePackets, type SimulatedProtocol } from './simulated-protocols.js';

export interface DeviceLine {
  write(chunks: readonly Uint8Array[]): Promise<void>;
}

export interface OximeterPlayerOptions {
  readonly protocol: SimulatedProtocol;
  readonly line: DeviceLine;
  readonly scheduler: Scheduler;
  /** What the oximeter shows in its n-th second (a person's night, a finger taken out…). */
  readonly secondAt: (n: number) => OximeterSecond;
  readonly random: () => number;
  readonly noise: LineNoiseOptions;
  readonly onError?: (error: unknown) => void;
}

/**
 * A simulated oximeter that streams in real time: each second it writes that second's packets,
 * cut and noised like a real line. The demo household plugs one into a pty.
 */
export class OximeterPlayer {
  private second = 0;
  private cancel: (() => void) | undefined;
  private running = false;

  constructor(private readonly options: OximeterPlayerOptions) {}

  get secondsPlayed(): number {
    return this.second;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.cancel?.();
    this.cancel = undefined;
  }

  private tick(): void {
    if (!this.running) return;
    const { protocol, secondAt, random, noise, line } = this.options;
    const packets = simulatePackets(protocol, [secondAt(this.second)], this.second);
    this.second += 1;
    const { chunks } = withLineNoise(protocol, packets, random, noise);
    line.write(chunks).catch((error: unknown) => this.options.onError?.(error));
    this.cancel = this.options.scheduler.after(1000, () => this.tick());
  }
}
