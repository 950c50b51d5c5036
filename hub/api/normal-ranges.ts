import { isMetricId, METRICS } from '../../core/metrics.js';
import type { AlertLine } from '../services/alerts-service.js';
import type { NormalRange, RangeLimit } from './contract/people.js';

function fromLine(line: AlertLine): RangeLimit {
  return { value: line.value, source: line.personal ? 'person_rule' : 'household_rule', rule: line.ruleId };
}

/** Of several lines on one side, the one a value crosses first: the highest `below`, the lowest `above`. */
function firstCrossed(lines: readonly AlertLine[], side: AlertLine['side']): AlertLine | undefined {
  let first: AlertLine | undefined;
  for (const line of lines) {
    if (line.side !== side) continue;
    if (first === undefined || (side === 'below' ? line.value > first.value : line.value < first.value)) first = line;
  }
  return first;
}

/**
 * A person's normal range of one metric: each end where their alert rules draw a line (the rules
 * alert beyond it), else where the catalogue's usual range ends. Undefined when neither says anything.
 */
export function normalRange(metric: string, lines: readonly AlertLine[]): NormalRange | undefined {
  const own = lines.filter((l) => l.metric === metric);
  const usual = isMetricId(metric) ? METRICS.get(metric)?.plausible?.usual : undefined;
  const below = firstCrossed(own, 'below');
  const above = firstCrossed(own, 'above');
  const low: RangeLimit | null = below !== undefined ? fromLine(below) : usual !== undefined ? { value: usual.min, source: 'typical' } : null;
  const high: RangeLimit | null = above !== undefined ? fromLine(above) : usual !== undefined ? { value: usual.max, source: 'typical' } : null;
  return low === null && high === null ? undefined : { low, high };
}

/** The normal ranges of the metrics a person has readings of. */
export function normalRanges(metrics: Iterable<string>, lines: readonly AlertLine[]): Record<string, NormalRange> {
  const ranges: Record<string, NormalRange> = {};
  for (const metric of metrics) {
    const range = normalRange(metric, lines);
    if (range !== undefined) ranges[metric] = range;
  }
  return ranges;
}
