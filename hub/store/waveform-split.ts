import type { WaveformBlock } from '../../core/reading.js';

export interface WaveformPiece {
  readonly t0: number;
  readonly samples: readonly number[];
}

/**
 * A stored block stays under ~1 KB so that it fits in its B-tree page (larger rows spill into
 * overflow pages, which waste most of a page each), and under a minute so that a reader knows how
 * far back to look for a block overlapping its range.
 */
export const MAX_SAMPLES_PER_BLOCK = 512;
export const MAX_BLOCK_DURATION_MS = 60_000;

export function splitWaveform(block: WaveformBlock): WaveformPiece[] {
  const perPiece = Math.max(1, Math.min(MAX_SAMPLES_PER_BLOCK, Math.floor((block.rateHz * MAX_BLOCK_DURATION_MS) / 1000)));
  if (block.samples.length <= perPiece) return [{ t0: block.t0, samples: block.samples }];
  const pieces: WaveformPiece[] = [];
  for (let start = 0; start < block.samples.length; start += perPiece) {
    pieces.push({
      t0: block.t0 + Math.round((start * 1000) / block.rateHz),
      samples: block.samples.slice(start, start + perPiece),
    });
  }
  return pieces;
}
