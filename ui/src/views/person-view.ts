import { api } from '../api/client.js';
import { live } from '../api/live-socket.js';
import type { PersonOverview } from '../api/types.js';
import { SeriesChart, type TimeRange } from '../charts/series-chart.js';
import { h, replaceChildren, statusLine } from '../dom.js';
import { isChartable, sortMetrics } from '../format/metric-format.js';
import { rememberPeople } from '../state/household.js';
import { href } from '../router.js';
import { errorText } from '../format/error-text.js';
import { fillVital, vitalValue } from './vital-value.js';
import type { View, ViewContext } from './view.js';

const HOUR = 3600_000;
const RANGES: readonly (readonly [string, string, number])[] = [
  ['6h', '6 hours', 6 * HOUR],
  ['24h', '24 hours', 24 * HOUR],
  ['7d', '7 days', 7 * 24 * HOUR],
  ['30d', '30 days', 30 * 24 * HOUR],
  ['1y', 'Year', 365 * 24 * HOUR],
];

/** `#/people/alex?range=30d` opens the page on that range. */
function rangeFromHash(): string {
  const query = location.hash.split('?')[1] ?? '';
  const key = new URLSearchParams(query).get('range') ?? '24h';
  return RANGES.some(([k]) => k === key) ? key : '24h';
}

function rangeFor(key: string): TimeRange {
  const span = RANGES.find(([k]) => k === key)?.[2] ?? 24 * HOUR;
  const to = Date.now();
  return { from: to - span, to };
}

/** One person: latest vitals, zoomable charts of each metric they have, export, live waveforms. */
export function personView({ params }: ViewContext): View {
  const personId = params['personId'] ?? '';
  const heading = h('h1', {}, personId);
  const status = statusLine('Loading…');
  const vitals = h('div', { class: 'vitals vitals-wide' });
  const charts = h('div', { class: 'charts' });
  const exportLinks = h('p', { class: 'export-links' });
  let rangeKey = rangeFromHash();
  const chartList: SeriesChart[] = [];
  const vitalElements = new Map<string, HTMLElement>();

  const rangeButtons = RANGES.map(([key, label]) => {
    const button = h('button', { type: 'button', class: 'segment', 'aria-pressed': String(key === rangeKey), 'data-range': key }, label);
    button.addEventListener('click', () => {
      rangeKey = key;
      for (const other of rangeButtons) other.setAttribute('aria-pressed', String(other === button));
      history.replaceState(null, '', `#/people/${encodeURIComponent(personId)}?range=${key}`);
      const range = rangeFor(key);
      for (const chart of chartList) chart.showRange(range);
      renderExport(range);
    });
    return button;
  });

  const renderExport = (range: TimeRange): void => {
    const link = (format: string, label: string): HTMLAnchorElement =>
      h('a', { href: api.url('/export', { personId, from: range.from, to: range.to, format }), download: '' }, label);
    replaceChildren(exportLinks, 'Download this period: ', link('csv', 'CSV'), ' · ', link('fhir', 'FHIR (JSON)'));
  };

  const element = h(
    'section',
    { class: 'page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: href('/') }, 'Household')),
    h('div', { class: 'page-head' }, heading, h('a', { class: 'button', href: href(`/people/${encodeURIComponent(personId)}/live`) }, 'Live ECG and pleth')),
    status,
    vitals,
    h('div', { class: 'segments', role: 'group', 'aria-label': 'Time range' }, ...rangeButtons),
    charts,
    exportLinks,
  );
  renderExport(rangeFor(rangeKey));

  const unlisten = live.listen((message) => {
    if (message.type !== 'reading' || message.reading.personId !== personId) return;
    const { metric, value, unit, ts } = message.reading;
    const vital = vitalElements.get(metric);
    if (vital !== undefined && Number(vital.dataset['valueTs']) <= ts) fillVital(vital, metric, { value, unit, ts });
  });

  api
    .get<PersonOverview[]>('/people')
    .then((people) => {
      rememberPeople(people);
      const person = people.find((p) => p.id === personId);
      if (person === undefined) {
        status.textContent = 'There is no one with this name in the household.';
        return;
      }
      heading.textContent = person.name;
      document.title = `${person.name} — Hearth`;
      const metrics = sortMetrics(Object.keys(person.latest).filter(isChartable));
      status.textContent = metrics.length === 0 ? `No readings yet for ${person.name}. Pair a device on the Devices page.` : '';
      for (const metric of metrics) {
        const latest = person.latest[metric];
        if (latest === undefined) continue;
        const vital = vitalValue(metric, latest);
        vitalElements.set(metric, vital);
        vitals.append(vital);
      }
      const range = rangeFor(rangeKey);
      for (const metric of metrics) {
        const chart = new SeriesChart(personId, metric, range);
        chartList.push(chart);
        charts.append(chart.element);
      }
    })
    .catch((error: unknown) => (status.textContent = errorText(error)));

  return {
    element,
    dispose() {
      unlisten();
      for (const chart of chartList) chart.dispose();
    },
  };
}
