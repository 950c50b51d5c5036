import t from 'tap';
import { ManualClock } from '../../core/clock.js';
import { DEFAULT_ALERT_RULES } from '../../hub/alerts/alerts-config.js';
import { RuleBook } from '../../hub/alerts/rule-book.js';
import type { NormalRange, PersonSummary } from '../../hub/api/contract/people.js';
import { normalRange } from '../../hub/api/normal-ranges.js';
import type { AlertLine } from '../../hub/services/alerts-service.js';
import { startAlertsHub } from '../alerts/helpers/alerts-hub.js';
import { onboardOwner, seedReadings, startApiHub } from './api-harness.js';

const line = (metric: string, side: AlertLine['side'], value: number, ruleId: string, personal = false): AlertLine => ({ metric, side, value, ruleId, personal });

t.test('a normal range ends where the alert rules draw their lines, else where the catalogue’s usual range does', async (t) => {
  t.same(
    normalRange('spo2', [line('spo2', 'below', 90, 'spo2_low')]),
    { low: { value: 90, source: 'household_rule', rule: 'spo2_low' }, high: { value: 100, source: 'typical' } },
    'SpO2: the low-oxygen rule below, the catalogue’s 100 % above',
  );
  t.same(
    normalRange('bp_systolic', [line('bp_systolic', 'above', 135, 'blood_pressure_high', true)]),
    { low: { value: 90, source: 'typical' }, high: { value: 135, source: 'person_rule', rule: 'blood_pressure_high' } },
    'a line set for the person says so',
  );
  t.same(normalRange('bp_diastolic', []), { low: { value: 50, source: 'typical' }, high: { value: 110, source: 'typical' } }, 'no rule: the typical range');
  t.same(
    normalRange('heart_rate', [line('heart_rate', 'above', 150, 'heart_rate_high'), line('heart_rate', 'above', 120, 'heart_rate_watch'), line('heart_rate', 'below', 40, 'heart_rate_low'), line('spo2', 'below', 90, 'spo2_low')]),
    { low: { value: 40, source: 'household_rule', rule: 'heart_rate_low' }, high: { value: 120, source: 'household_rule', rule: 'heart_rate_watch' } },
    'of two lines on one side, the one crossed first; lines of other metrics play no part',
  );
  t.same(
    normalRange('body_weight', [line('body_weight', 'above', 95, 'weight_limit')]),
    { low: null, high: { value: 95, source: 'household_rule', rule: 'weight_limit' } },
    'a metric without a usual range has only the ends a rule draws',
  );
  t.equal(normalRange('body_weight', []), undefined, 'nor anything when no rule draws one');
  t.equal(normalRange('not_a_metric', []), undefined, 'an unknown metric has none');
});

t.test('the rule book gives each person the lines of their enabled threshold rules, marking their own', async (t) => {
  const rules = new RuleBook(
    { rules: DEFAULT_ALERT_RULES, people: { alex: { blood_pressure_high: { above: 135 }, fever: { severity: 'critical' } }, sam: { spo2_low: { enabled: false } } } },
    () => ({ alex: { heart_rate_low: { below: 45 } } }),
  );
  const alex = rules.linesFor('alex');
  const find = (lines: readonly AlertLine[], ruleId: string): AlertLine | undefined => lines.find((l) => l.ruleId === ruleId);
  t.same(find(alex, 'blood_pressure_high'), line('bp_systolic', 'above', 135, 'blood_pressure_high', true), 'an override in the config');
  t.same(find(alex, 'heart_rate_low'), line('heart_rate', 'below', 45, 'heart_rate_low', true), 'an override from the dashboard');
  t.same(find(alex, 'fever'), line('body_temperature', 'above', 38, 'fever', false), 'an override that leaves the line alone keeps it the household’s');
  t.notOk(alex.some((l) => l.ruleId === 'weight_gain' || l.ruleId === 'battery_low'), 'only threshold rules draw lines');
  const sam = rules.linesFor('sam');
  t.equal(find(sam, 'spo2_low'), undefined, 'a rule switched off for a person draws nothing for them');
  t.same(find(sam, 'blood_pressure_high'), line('bp_systolic', 'above', 180, 'blood_pressure_high', false));
});

interface PeopleAnswer {
  readonly status: number;
  readonly people: readonly PersonSummary[];
}

t.test('GET /people serves each person’s normal range of the metrics they have, from their alert rules', async (t) => {
  const clock = new ManualClock(Date.UTC(2024, 2, 11, 9, 0));
  const hub = await startAlertsHub({ clock, live: true, alerts: { rules: DEFAULT_ALERT_RULES, people: { alex: { blood_pressure_high: { above: 135 } } } } });
  t.teardown(() => hub.stop());
  await seedReadings(hub.hub, 'watch-alex', [
    { metric: 'bp_systolic', value: 142, ts: clock.now() - 60_000 },
    { metric: 'bp_diastolic', value: 90, ts: clock.now() - 60_000 },
    { metric: 'heart_rate', value: 64, ts: clock.now() - 60_000 },
  ]);
  await seedReadings(hub.hub, 'thermo-sam', [{ metric: 'body_temperature', value: 36.84, ts: clock.now() - 60_000 }]);
  const owner = await onboardOwner(hub.base);
  const response = await owner.get('/api/v1/people');
  const answer: PeopleAnswer = { status: response.status, people: response.body as PersonSummary[] };
  t.equal(answer.status, 200);
  const ranges = (id: string): Readonly<Record<string, NormalRange>> => answer.people.find((p) => p.id === id)?.ranges ?? {};
  t.same(ranges('alex')['bp_systolic'], { low: { value: 90, source: 'typical' }, high: { value: 135, source: 'person_rule', rule: 'blood_pressure_high' } }, 'Alex’s own line for systolic pressure');
  t.same(ranges('alex')['bp_diastolic'], { low: { value: 50, source: 'typical' }, high: { value: 110, source: 'typical' } });
  t.same(ranges('alex')['heart_rate'], { low: { value: 40, source: 'household_rule', rule: 'heart_rate_low' }, high: { value: 150, source: 'household_rule', rule: 'heart_rate_high' } });
  const sam = answer.people.find((p) => p.id === 'sam');
  t.same(Object.keys(ranges('sam')).filter((metric) => sam?.latest[metric] === undefined), [], 'only the metrics a person has readings of');
  t.same(ranges('sam')['body_temperature'], { low: { value: 35, source: 'typical' }, high: { value: 38, source: 'household_rule', rule: 'fever' } });
  const one = await owner.get('/api/v1/people/alex');
  t.same((one.body as PersonSummary).ranges, ranges('alex'), 'one person’s answer says the same');
});

t.test('without the alerts engine, the ranges are the catalogue’s', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  await seedReadings(api.hub, 'strap-alex', [{ metric: 'spo2', value: 97, ts: Date.now() - 60_000 }]);
  const owner = await onboardOwner(api.base);
  const alex = (await owner.get('/api/v1/people/alex')).body as PersonSummary;
  t.same(alex.ranges, { spo2: { low: { value: 70, source: 'typical' }, high: { value: 100, source: 'typical' } } });
});
