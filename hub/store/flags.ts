import type { ReadingFlag, TimestampSource } from '../../core/reading.js';

/**
 * Bit positions of the `flags` column. Stored on disk: append new flags, never reorder or reuse a
 * bit. Bit 0 holds the timestamp source because SQLite stores the integers 0 and 1 in zero bytes,
 * so the common reading (no flags) costs nothing whichever clock stamped it.
 */
const HUB_TIMESTAMP_BIT = 0;

const FLAG_BITS: { readonly [F in ReadingFlag]: number } = {
  questionable: 1,
  body_movement: 2,
  cuff_loose: 3,
  irregular_pulse: 4,
  pulse_rate_out_of_range: 5,
  improper_position: 6,
  early_estimate: 7,
  from_device_storage: 8,
  low_perfusion: 9,
  weak_signal: 10,
  out_of_usual_range: 11,
  artefact: 12,
  no_contact: 13,
  interstitial_fluid: 14,
};

const FLAGS_BY_BIT: readonly (readonly [ReadingFlag, number])[] = Object.entries(FLAG_BITS) as [ReadingFlag, number][];

export function encodeFlags(flags: readonly ReadingFlag[] | undefined, tsSource: TimestampSource): number {
  let bits = tsSource === 'hub' ? 1 << HUB_TIMESTAMP_BIT : 0;
  for (const flag of flags ?? []) bits |= 1 << FLAG_BITS[flag];
  return bits;
}

export function decodeFlags(bits: number): { flags: ReadingFlag[]; tsSource: TimestampSource } {
  const flags: ReadingFlag[] = [];
  for (const [flag, bit] of FLAGS_BY_BIT) if ((bits & (1 << bit)) !== 0) flags.push(flag);
  return { flags, tsSource: (bits & (1 << HUB_TIMESTAMP_BIT)) !== 0 ? 'hub' : 'device' };
}
