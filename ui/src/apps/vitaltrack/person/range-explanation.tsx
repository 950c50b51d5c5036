import type { NormalRange } from '../../../api/types.js';
import { formatRange, lowerFirst } from '../../../format/normal-range.js';
import { rangeOriginText } from '../../../format/range-origin.js';
import type { RangeCheck } from '../components/vital.js';

/** "Normal range 40–150 bpm: from the household’s alert rules." A value outside its range has the range in its flag already. */
function rangeExplanation(c: RangeCheck & { readonly range: NormalRange }, personName: string): string {
  const origin = rangeOriginText(c.range, personName);
  if (c.side === undefined) return `${c.part !== undefined ? `${c.part} normal` : 'Normal'} range ${formatRange(c.metric, c.range)}: ${lowerFirst(origin)}`;
  return c.part !== undefined ? `${c.part} range: ${lowerFirst(origin)}` : origin;
}

/** Under a vital on a person's page: each of its normal ranges in words, and where it comes from. */
export function RangeExplanation({ checks, personName }: { readonly checks: readonly RangeCheck[]; readonly personName: string }) {
  const ranged = checks.filter((c): c is RangeCheck & { readonly range: NormalRange } => c.range !== undefined);
  if (ranged.length === 0) return null;
  return <span class="vital-range">{ranged.map((c) => rangeExplanation(c, personName)).join(' ')}</span>;
}
