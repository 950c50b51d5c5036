import type { WaveformBlock } from '../api/types.js';

/** Seconds of signal on screen, like a bedside monitor's sweep. */
export const WINDOW_S = 8;

/**
 * The blocks of one waveform (ECG or pleth) that the strip may still draw. It follows the
 * device's own time, so a phone with a wrong clock still draws it.
 */
export class WaveformTrace {
  private kept: WaveformBlock[] = [];
  private latestEnd = 0;

  constructor(readonly metric: 'ecg' | 'pleth') {}

  add(blocks: readonly WaveformBlock[]): void {
    for (const block of blocks) {
      if (this.kept.some((b) => b.t0 === block.t0 && b.deviceId === block.deviceId)) continue;
      this.kept.push(block);
      this.latestEnd = Math.max(this.latestEnd, blockEnd(block));
    }
    const horizon = this.latestEnd - WINDOW_S * 2000;
    this.kept = this.kept.filter((b) => blockEnd(b) > horizon).sort((a, b) => a.t0 - b.t0);
  }

  /** End of the newest block, 0 before any arrived. */
  get end(): number {
    return this.latestEnd;
  }

  get blocks(): readonly WaveformBlock[] {
    return this.kept;
  }
}

function blockEnd(block: WaveformBlock): number {
  return block.t0 + (block.samples.length / block.rateHz) * 1000;
}
