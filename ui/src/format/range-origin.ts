import type { NormalRange, RangeLimit } from '../api/types.js';

// Only a person's page says where a range comes from, so these words stay out of the first screen's script.

function limitOrigin(limit: RangeLimit, personName: string): string {
  switch (limit.source) {
    case 'person_rule':
      return `an alert rule set for ${personName}`;
    case 'household_rule':
      return 'the household’s alert rule';
    case 'typical':
      return 'the typical adult range';
  }
}

function bothOrigin(source: RangeLimit['source'], personName: string): string {
  switch (source) {
    case 'person_rule':
      return `alert rules set for ${personName}`;
    case 'household_rule':
      return 'the household’s alert rules';
    case 'typical':
      return 'the typical adult range';
  }
}

/**
 * Where the range comes from, in words: "From the typical adult range." or "Upper limit from an
 * alert rule set for Alex; lower limit from the typical adult range."
 */
export function rangeOriginText(range: NormalRange, personName: string): string {
  const { low, high } = range;
  if (low !== null && high !== null) {
    if (low.source === high.source) return `From ${bothOrigin(low.source, personName)}.`;
    return `Upper limit from ${limitOrigin(high, personName)}; lower limit from ${limitOrigin(low, personName)}.`;
  }
  if (high !== null) return `Upper limit from ${limitOrigin(high, personName)}.`;
  if (low !== null) return `Lower limit from ${limitOrigin(low, personName)}.`;
  return '';
}
