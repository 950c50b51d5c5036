import t from 'tap';
import type { NormalRange, PersonSummary } from '../../hub/api/contract/people.js';
import type { HouseholdSettings } from '../../hub/api/contract/settings.js';
import { importUiModules } from './helpers/ui-modules.js';

interface Latest {
  readonly value: number;
  readonly unit: string;
  readonly ts: number;
}

interface Pressure {
  readonly systolic?: Latest;
  readonly diastolic?: Latest;
  readonly ts: number;
}

interface TimeRange {
  readonly from: number;
  readonly to: number;
}

interface Timeline {
  readonly range: { readonly value: TimeRange };
  show(range: TimeRange): void;
  zoomTo(range: TimeRange): void;
  zoomIn(): void;
  zoomOut(): void;
}

/** The dashboard's own modules, as the browser runs them. */
interface Dashboard {
  readonly householdSettings: { value: HouseholdSettings };
  formatValue(metric: string, value: number): string;
  metricUnit(metric: string): string;
  newestPressure(systolic: Latest | undefined, diastolic: Latest | undefined): Pressure | undefined;
  formatPressure(reading: Pressure): string;
  outOfRange(value: number, range: NormalRange | undefined): 'below' | 'above' | undefined;
  formatRange(metric: string, range: NormalRange): string;
  outOfRangeText(metric: string, side: 'below' | 'above', range: NormalRange, personName?: string): string;
  rangeOriginText(range: NormalRange, personName: string): string;
  vitalGroups(metrics: Iterable<string>): { id: string; label: string; metrics: string[] }[];
  valueAxisRange(metrics: readonly string[], dataMin: number | null, dataMax: number | null): [number, number];
  ChartTimeline: new (initial: TimeRange, options?: { anchored?: () => boolean; latest?: () => number }) => Timeline;
  MIN_RANGE_MS: number;
  householdOrder(people: readonly Pick<PersonSummary, 'id' | 'name'>[], open: readonly { personId?: string }[]): { id: string }[];
  modelReadingWords(metric: string, latest: { value: number; ts: number }, basis?: { metric: string; model: string; reads: string; threshold: number | null }): string;
}

const ui = await importUiModules<Dashboard>([
  'state/settings.ts',
  'format/metric-format.ts',
  'format/blood-pressure.ts',
  'format/normal-range.ts',
  'format/range-origin.ts',
  'format/vital-groups.ts',
  'charts/value-axis.ts',
  'charts/chart-timeline.ts',
  'apps/vitaltrack/overview/household-order.ts',
  'apps/vitaltrack/insights/model-readings.tsx',
]);

const METRIC: HouseholdSettings = { householdName: 'Home', units: 'metric', glucoseUnit: 'mg/dL', temperatureUnit: '°C', timeFormat: '24h', timeZone: '' };
const IMPERIAL: HouseholdSettings = { ...METRIC, units: 'imperial', glucoseUnit: 'mmol/L', temperatureUnit: '°F' };

function withSettings<T>(settings: HouseholdSettings, run: () => T): T {
  ui.householdSettings.value = settings;
  try {
    return run();
  } finally {
    ui.householdSettings.value = METRIC;
  }
}

t.test('every value is shown with the decimals the catalogue gives its metric, in the unit the household chose', async (t) => {
  t.equal(ui.formatValue('body_temperature', 36.84), '36.8', '36.8 °C, not 36.84');
  t.equal(ui.formatValue('body_temperature', 37), '37.0', 'always the same decimals, so values line up');
  t.equal(ui.formatValue('heart_rate', 72.4), '72');
  t.equal(ui.formatValue('spo2', 97.4), '97');
  t.equal(ui.formatValue('body_weight', 84.215), '84.2', 'the scale keeps grams; a person reads 84.2 kg');
  t.equal(ui.formatValue('glucose', 101), '101');
  t.equal(ui.formatValue('bp_systolic', 134), '134');
  t.equal(ui.formatValue('resting_heart_rate', 61.37), '61');
  withSettings(IMPERIAL, () => {
    t.equal(ui.formatValue('glucose', 101), '5.6', '101 mg/dL is 5.6 mmol/L');
    t.equal(ui.metricUnit('glucose'), 'mmol/L');
    t.equal(ui.formatValue('body_temperature', 37), '98.6');
    t.equal(ui.metricUnit('body_temperature'), '°F');
    t.equal(ui.formatValue('body_weight', 84.2), '185.6');
  });
});

t.test('blood pressure is one measurement: the two pressures of the newest, paired by time', async (t) => {
  const at = (value: number, ts: number): Latest => ({ value, unit: 'mmHg', ts });
  const both = ui.newestPressure(at(134, 1_000_000), at(86, 1_000_400));
  t.same(both, { systolic: at(134, 1_000_000), diastolic: at(86, 1_000_400), ts: 1_000_400 }, 'taken together');
  t.equal(both === undefined ? '' : ui.formatPressure(both), '134/86');
  const apart = ui.newestPressure(at(142, 10_000_000), at(80, 1_000_000));
  t.same(apart, { systolic: at(142, 10_000_000), ts: 10_000_000 }, 'an older diastolic belongs to another measurement');
  t.equal(apart === undefined ? '' : ui.formatPressure(apart), '142/–');
  t.equal(ui.newestPressure(undefined, undefined), undefined);
});

t.test('a value outside the normal range says which side, the range in the shown unit, and where the range comes from', async (t) => {
  const systolic: NormalRange = { low: { value: 90, source: 'typical' }, high: { value: 135, source: 'person_rule', rule: 'blood_pressure_high' } };
  t.equal(ui.outOfRange(142, systolic), 'above');
  t.equal(ui.outOfRange(135, systolic), undefined, 'the rule alerts only beyond its line: 135 is inside');
  t.equal(ui.outOfRange(89, systolic), 'below');
  t.equal(ui.outOfRange(142, undefined), undefined, 'no range, no flag');
  t.equal(ui.formatRange('bp_systolic', systolic), '90–135 mmHg');
  t.equal(ui.outOfRangeText('bp_systolic', 'above', systolic), 'Above normal, 90–135 mmHg');
  t.equal(ui.outOfRangeText('bp_systolic', 'above', systolic, 'Alex'), 'Above Alex’s normal range, 90–135 mmHg');
  t.equal(ui.rangeOriginText(systolic, 'Alex'), 'Upper limit from an alert rule set for Alex; lower limit from the typical adult range.');
  const heart: NormalRange = { low: { value: 40, source: 'household_rule', rule: 'heart_rate_low' }, high: { value: 150, source: 'household_rule', rule: 'heart_rate_high' } };
  t.equal(ui.rangeOriginText(heart, 'Alex'), 'From the household’s alert rules.');
  t.equal(ui.rangeOriginText({ low: { value: 50, source: 'typical' }, high: { value: 110, source: 'typical' } }, 'Alex'), 'From the typical adult range.');
  const weight: NormalRange = { low: null, high: { value: 95, source: 'person_rule', rule: 'weight_limit' } };
  t.equal(ui.formatRange('body_weight', weight), 'up to 95.0 kg');
  t.equal(ui.rangeOriginText(weight, 'Sam'), 'Upper limit from an alert rule set for Sam.');
  t.equal(ui.formatRange('spo2', { low: { value: 90, source: 'household_rule' }, high: null }), '90 % or more');
  const fever: NormalRange = { low: { value: 35, source: 'typical' }, high: { value: 38, source: 'household_rule', rule: 'fever' } };
  withSettings(IMPERIAL, () => t.equal(ui.formatRange('body_temperature', fever), '95.0–100.4 °F', 'in °F for a household reading °F'));
});

t.test('a person’s vitals: blood pressure once for its two pressures, model scores never', async (t) => {
  t.same(ui.vitalGroups(['bp_diastolic', 'af_probability', 'heart_rate', 'bp_systolic', 'battery', 'illness_score']), [
    { id: 'heart_rate', label: 'Heart rate', metrics: ['heart_rate'] },
    { id: 'blood_pressure', label: 'Blood pressure', metrics: ['bp_systolic', 'bp_diastolic'] },
  ]);
  t.same(ui.vitalGroups(['bp_diastolic']), [{ id: 'blood_pressure', label: 'Blood pressure', metrics: ['bp_diastolic'] }], 'one pressure alone is still blood pressure');
});

t.test('a value axis fits the data and stays inside what the metric can be', async (t) => {
  const [low, high] = ui.valueAxisRange(['spo2'], 96, 98);
  t.ok(low > 90 && low < 96 && high > 98 && high <= 100, `SpO2 96–98 % on ${low.toFixed(1)}–${high.toFixed(1)}, not from 0`);
  t.equal(ui.valueAxisRange(['spo2'], 99, 100)[1], 100, 'never above 100 %');
  t.same(ui.valueAxisRange(['spo2'], null, null), [70, 100], 'without data, the usual range');
  const [flatLow, flatHigh] = ui.valueAxisRange(['heart_rate'], 60, 60);
  t.ok(flatHigh - flatLow >= 17, `a steady 60 bpm is not magnified into noise (${flatLow}–${flatHigh})`);
  const [bpLow, bpHigh] = ui.valueAxisRange(['bp_systolic', 'bp_diastolic'], 80, 142);
  t.ok(bpLow < 80 && bpLow > 60 && bpHigh > 142 && bpHigh < 160, `both pressures on one axis (${bpLow}–${bpHigh})`);
  withSettings(IMPERIAL, () => {
    const [fLow, fHigh] = ui.valueAxisRange(['body_temperature'], 97.9, 98.8);
    t.ok(fLow > 90 && fHigh < 105, `in °F (${fLow}–${fHigh})`);
  });
});

t.test('a person’s charts share one timeline: zooms keep a history; on a phone they end at now', async (t) => {
  const HOUR = 3_600_000;
  const day = { from: 0, to: 24 * HOUR };
  const desk = new ui.ChartTimeline(day, { anchored: () => false, latest: () => 24 * HOUR });
  desk.zoomIn();
  t.same(desk.range.value, { from: 6 * HOUR, to: 18 * HOUR }, 'zoom in around the middle');
  desk.zoomTo({ from: 7 * HOUR, to: 8 * HOUR });
  t.same(desk.range.value, { from: 7 * HOUR, to: 8 * HOUR }, 'a dragged range');
  desk.zoomTo({ from: 7 * HOUR, to: 7 * HOUR + 1000 });
  t.equal(desk.range.value.to - desk.range.value.from, ui.MIN_RANGE_MS, 'never narrower than a minute');
  desk.zoomOut();
  desk.zoomOut();
  t.same(desk.range.value, { from: 6 * HOUR, to: 18 * HOUR }, 'zooming out retraces the zooms');
  desk.zoomOut();
  t.same(desk.range.value, day);
  desk.zoomOut();
  t.same(desk.range.value, { from: -12 * HOUR, to: 24 * HOUR }, 'further out, wider, never past now');

  let now = 24 * HOUR;
  const phone = new ui.ChartTimeline(day, { anchored: () => true, latest: () => now });
  phone.zoomIn();
  t.same(phone.range.value, { from: 12 * HOUR, to: 24 * HOUR }, 'on a phone the newer half stays, ending at now');
  now += 10 * 60_000;
  phone.zoomTo({ from: 2 * HOUR, to: 3 * HOUR });
  t.same(phone.range.value, { from: now - HOUR, to: now }, 'a zoom keeps its width and ends at now');
  phone.zoomOut();
  t.same(phone.range.value, { from: now - 12 * HOUR, to: now }, 'zooming out returns to the width before, ending at now');
  phone.show(day);
  t.same(phone.range.value, day, 'the page’s range buttons start again');
});

t.test('the household: people with open alerts first, then by name', async (t) => {
  const people = [
    { id: 'p3', name: 'Zoe' },
    { id: 'p1', name: 'Alex' },
    { id: 'p2', name: 'Sam' },
    { id: 'p4', name: 'Mo' },
  ];
  t.same(ui.householdOrder(people, [{ personId: 'p3' }, { personId: 'p2' }, { personId: 'p3' }, {}]).map((p) => p.id), ['p2', 'p3', 'p1', 'p4']);
  t.same(ui.householdOrder(people, []).map((p) => p.id), ['p1', 'p4', 'p2', 'p3']);
});

t.test('a model’s value in words, with what it was computed from and when', async (t) => {
  const ts = new Date(2024, 4, 14, 14, 2).getTime();
  const basis = { metric: 'af_probability', model: 'af-rr', reads: 'the intervals between 60 heartbeats', threshold: 0.5 };
  t.equal(ui.modelReadingWords('af_probability', { value: 0.02, ts }, basis), 'Irregular rhythm (atrial fibrillation): unlikely (2 %) — from the intervals between 60 heartbeats, at 14:02.');
  t.equal(ui.modelReadingWords('af_probability', { value: 0.3, ts }, basis), 'Irregular rhythm (atrial fibrillation): uncertain (30 %) — from the intervals between 60 heartbeats, at 14:02.');
  t.match(ui.modelReadingWords('af_probability', { value: 0.82, ts }, basis), /^Irregular rhythm \(atrial fibrillation\): likely \(82 %\) — .* One check is no diagnosis/);
  t.equal(ui.modelReadingWords('af_probability', { value: 0.02, ts }), 'Irregular rhythm (atrial fibrillation): unlikely (2 %) — at 14:02.', 'without the models’ own account, only the time');
  const illness = { metric: 'illness_score', model: 'illness-rhr', reads: 'the resting heart rate of the 24 hours before', threshold: 0.07 };
  t.match(ui.modelReadingWords('illness_score', { value: 0.01, ts }, illness), /^Resting heart rate: close to their usual \(score 0\.01\) — from the resting heart rate of the 24 hours before, at 14:02\.$/);
  t.match(ui.modelReadingWords('illness_score', { value: 0.2, ts }, illness), /^Resting heart rate: raised above their usual/);
});
