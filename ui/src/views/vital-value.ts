import type { LatestValue } from '../api/types.js';
import { h } from '../dom.js';
import { formatAge } from '../format/freshness.js';
import { formatValue, metricLabel, metricUnit, staleAfterMs } from '../format/metric-format.js';

/**
 * One vital on a tile: label, value with unit, and its age. The age element carries data-ts so
 * the freshness ticker keeps it current and greys the whole vital once it is stale.
 */
export function vitalValue(metric: string, latest: LatestValue): HTMLElement {
  const element = h('div', { class: 'vital', 'data-metric': metric });
  fillVital(element, metric, latest);
  return element;
}

export function fillVital(element: HTMLElement, metric: string, latest: LatestValue): void {
  const unit = metricUnit(metric, latest.unit);
  const stale = Date.now() - latest.ts > staleAfterMs(metric);
  element.classList.toggle('stale', stale);
  element.dataset['valueTs'] = String(latest.ts);
  element.replaceChildren(
    h('span', { class: 'vital-label' }, metricLabel(metric)),
    h('span', { class: 'vital-value' }, h('span', { class: 'value' }, formatValue(metric, latest.value)), unit !== '' ? h('span', { class: 'unit' }, ` ${unit}`) : null),
    h('span', { class: 'age', 'data-ts': latest.ts, 'data-stale-after': staleAfterMs(metric), title: new Date(latest.ts).toLocaleString() }, formatAge(latest.ts)),
  );
}
