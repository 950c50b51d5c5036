import { useComputed, type ReadonlySignal } from '@preact/signals';
import type { LatestValue } from '../../../api/types.js';
import { Age } from '../../../components/age.js';
import { formatMoment } from '../../../format/freshness.js';
import { formatValue, metricLabel, metricUnit, staleAfterMs } from '../../../format/metric-format.js';
import { now } from '../../../state/clock.js';

interface VitalProps {
  readonly metric: string;
  readonly latest: ReadonlySignal<LatestValue>;
}

/**
 * One vital: label, value with unit, and its age. It draws again when its own value changes, and
 * greys out once the value is older than the metric is expected to be.
 */
export function Vital({ metric, latest }: VitalProps) {
  const staleAfter = staleAfterMs(metric);
  const stale = useComputed(() => now.value - latest.value.ts > staleAfter);
  const { value, ts } = latest.value;
  const unit = metricUnit(metric, latest.value.unit);
  return (
    <div class={stale.value ? 'vital stale' : 'vital'} data-metric={metric} data-value-ts={ts}>
      <span class="vital-label">{metricLabel(metric)}</span>
      <span class="vital-value">
        <span class="value">{formatValue(metric, value)}</span>
        {unit !== '' && <span class="unit">{` ${unit}`}</span>}
      </span>
      <Age ts={ts} class="age" title={formatMoment(ts)} />
    </div>
  );
}
