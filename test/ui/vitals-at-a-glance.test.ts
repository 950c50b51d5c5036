import t from 'tap';
import type { Locator } from 'playwright-core';
import { waitFor } from '../helpers/hub-process.js';
import { onEachScreen } from './helpers/browser.js';
import { startDashboardHub, type DashboardHub } from './helpers/dashboard-hub.js';
import { inPage, onboardOwnerOverApi, signInOwner } from './helpers/sign-in.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Sent {
  readonly metric: string;
  readonly value: number;
  readonly ts: number;
  readonly userSlot?: number;
}

/**
 * A household whose values are known: Alex, Bea and Sam, their readings sent over the API, and for
 * Alex an alert line of his own for systolic pressure (135), so his 142/90 lies above his normal
 * range and raises an alert; Sam's 38.6 °C raises the household's fever alert; Bea has none.
 */
let hub: DashboardHub;
let send: (deviceId: string, readings: readonly Sent[]) => Promise<void>;
const now = Date.now();
t.before(async () => {
  hub = await startDashboardHub({
    config: {
      simulation: { enabled: false },
      household: {
        people: [
          { id: 'sam', name: 'Sam' },
          { id: 'bea', name: 'Bea' },
          { id: 'alex', name: 'Alex' },
        ],
        devices: [
          { id: 'cuff', name: 'Blood-pressure cuff', userSlots: { '1': 'alex', '2': 'sam' } },
          { id: 'monitor-alex', name: 'Alex’s monitor', personId: 'alex' },
          { id: 'monitor-sam', name: 'Sam’s monitor', personId: 'sam' },
          { id: 'monitor-bea', name: 'Bea’s monitor', personId: 'bea' },
        ],
      },
      alerts: { people: { alex: { blood_pressure_high: { above: 135 } } } },
    },
  });
  const owner = await onboardOwnerOverApi(hub.baseURL);
  const token = await ingestToken(hub.baseURL, owner.cookie, owner.csrfToken);
  send = (deviceId, readings) => ingest(hub.baseURL, token, deviceId, readings);
  // Six hours of Alex's heart rate and oxygen, a reading every five minutes.
  const history = Array.from({ length: 72 }, (_, i) => now - 6 * HOUR + i * 5 * MINUTE);
  await send('monitor-alex', [
    ...history.flatMap((ts, i): Sent[] => [
      { metric: 'heart_rate', value: 66 + (i % 7), ts },
      { metric: 'spo2', value: 96 + (i % 3), ts },
    ]),
    { metric: 'heart_rate', value: 72, ts: now - 30_000 },
    { metric: 'spo2', value: 97, ts: now - 30_000 },
    { metric: 'body_temperature', value: 36.84, ts: now - 3 * HOUR },
    { metric: 'body_weight', value: 84.2, ts: now - 4 * HOUR },
    { metric: 'af_probability', value: 0.02, ts: now - 20 * MINUTE },
  ]);
  await send('cuff', [
    ...pressure(131, 84, now - 10 * HOUR, 1),
    ...pressure(128, 82, now - 5 * HOUR, 1),
    ...pressure(142, 90, now - 2 * MINUTE, 1),
    ...pressure(118, 76, now - 3 * MINUTE, 2),
  ]);
  await send('monitor-sam', [
    { metric: 'heart_rate', value: 64, ts: now - 40_000 },
    { metric: 'body_temperature', value: 38.6, ts: now - MINUTE },
  ]);
  await send('monitor-bea', [{ metric: 'heart_rate', value: 70, ts: now - 40_000 }]);
});
t.teardown(() => hub.stop());

function pressure(systolic: number, diastolic: number, ts: number, userSlot: number): Sent[] {
  return [
    { metric: 'bp_systolic', value: systolic, ts, userSlot },
    { metric: 'bp_diastolic', value: diastolic, ts, userSlot },
  ];
}

async function ingestToken(baseURL: string, cookie: string, csrfToken: string): Promise<string> {
  const made = await fetch(`${baseURL}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'readings', scopes: ['ingest'] }) });
  if (!made.ok) throw new Error(`token refused: ${made.status} ${await made.text()}`);
  return ((await made.json()) as { token: string }).token;
}

async function ingest(baseURL: string, token: string, deviceId: string, readings: readonly Sent[]): Promise<void> {
  const sent = await fetch(`${baseURL}/api/v1/ingest/${encodeURIComponent(deviceId)}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ readings }) });
  const outcome = (await sent.json()) as { accepted: number; rejected: number };
  if (!sent.ok || outcome.rejected > 0) throw new Error(`ingest refused: ${sent.status} ${JSON.stringify(outcome)}`);
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

t.test('vitals at a glance, on a laptop and on a phone', async (t) => {
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);
    await t.test(`${screen}: the household at a glance: open alerts first, blood pressure as 142/90 flagged above Alex’s range, sensible decimals`, async (t) => {
      await page.goto('/');
      // The owner, Robin, is a person of the household too, with no readings and no alerts.
      const order = await waitFor(
        'the open alerts to put Alex and Sam first',
        async () => {
          const names = await inPage<string[]>(page, `[...document.querySelectorAll('article.tile h2')].map((h) => h.textContent)`);
          return names.length === 4 && names[0] === 'Alex' && names[1] === 'Sam' ? names : undefined;
        },
        30_000,
      );
      t.same(order, ['Alex', 'Sam', 'Bea', 'Robin'], `${screen}: people with open alerts first, then by name`);
      t.match(await text(page.locator('article.tile[data-person="sam"] .tile-alerts')), /^⚠ 1 open alert: Temperature high/, `${screen}: Sam’s tile says what the alert is`);
      t.match(await text(page.locator('article.tile[data-person="alex"] .tile-alerts')), /^⚠ 1 open alert: Blood pressure high/, `${screen}: Alex’s 142 crossed his own line`);
      t.equal(await page.locator('article.tile[data-person="bea"] .tile-alerts').count(), 0, `${screen}: Bea has none`);

      const alex = page.locator('article.tile[data-person="alex"]');
      const bp = alex.locator('.vital[data-metric="blood_pressure"]');
      await bp.waitFor();
      t.equal(await text(bp.locator('.vital-value')), '142/90 mmHg', `${screen}: one vital, systolic over diastolic of the same measurement`);
      t.equal(await alex.locator('.vital[data-metric="bp_systolic"], .vital[data-metric="bp_diastolic"]').count(), 0, `${screen}: not two vitals`);
      t.equal(await bp.getAttribute('data-out-of-range'), 'bp_systolic:above');
      t.equal(await text(bp.locator('.vital-flag')), '▲ Systolic: above normal, 90–135 mmHg', `${screen}: flagged in words with the range, the arrow beside them`);
      t.equal(await bp.locator('.vital-flag .flag-icon').getAttribute('aria-hidden'), 'true', 'the arrow is drawn, the words are read');
      t.equal(await text(alex.locator('.vital[data-metric="body_temperature"] .value')), '36.8', `${screen}: 36.8 °C, not 36.84`);
      t.equal(await text(alex.locator('.vital[data-metric="body_weight"] .value')), '84.2');
      t.equal(await text(alex.locator('.vital[data-metric="heart_rate"] .value')), '72');
      t.equal(await text(alex.locator('.vital[data-metric="spo2"] .value')), '97');
      t.equal(await alex.locator('.vital[data-metric="heart_rate"] .vital-flag').count(), 0, `${screen}: a value inside its range is not flagged`);

      const sam = page.locator('article.tile[data-person="sam"]');
      t.equal(await text(sam.locator('.vital[data-metric="blood_pressure"] .vital-value')), '118/76 mmHg');
      t.equal(await sam.locator('.vital[data-metric="blood_pressure"] .vital-flag').count(), 0, `${screen}: 118/76 is inside Sam’s range`);
      t.equal(await text(sam.locator('.vital[data-metric="body_temperature"] .vital-flag')), '▲ Above normal, 35.0–38.0 °C', `${screen}: Sam’s 38.6 °C above the fever line`);
      await browser.check(t, 'vitals-household');
    });

    await t.test(`${screen}: a person’s page: each range in words and where it comes from; blood pressure charted as two lines; axes fitted`, async (t) => {
      await page.goto('/#/people/alex');
      const bp = page.locator('.vital[data-metric="blood_pressure"]');
      await bp.waitFor();
      t.equal(await text(bp.locator('.vital-flag')), '▲ Systolic: above Alex’s normal range, 90–135 mmHg', `${screen}: whose range, since the name is not beside it`);
      t.equal(
        await text(bp.locator('.vital-range')),
        'Systolic range: upper limit from an alert rule set for Alex; lower limit from the typical adult range. Diastolic normal range 50–110 mmHg: from the typical adult range.',
        `${screen}: where each end of each range comes from`,
      );
      t.equal(await text(page.locator('.vital[data-metric="heart_rate"] .vital-range')), 'Normal range 40–150 bpm: from the household’s alert rules.');
      t.equal(await page.locator('.vital[data-metric="af_probability"]').count(), 0, `${screen}: a model’s score is no vital`);

      const bpChart = page.locator('figure.chart[data-metric="blood_pressure"]');
      await waitFor('the blood-pressure chart', async () => ((await bpChart.getAttribute('data-points')) !== null && (await bpChart.getAttribute('aria-busy')) === null ? true : undefined));
      t.equal(await bpChart.getAttribute('data-lines'), '2', `${screen}: one chart of two lines`);
      t.equal(await page.locator('figure.chart[data-metric="bp_systolic"], figure.chart[data-metric="bp_diastolic"]').count(), 0);
      t.equal(await text(bpChart.locator('.chart-summary')), 'Systolic: lowest 128, average 134, highest 142 mmHg. Diastolic: lowest 82, average 85, highest 90 mmHg');
      const legend = await inPage<string[]>(page, `[...document.querySelectorAll('figure.chart[data-metric="blood_pressure"] .u-legend .u-series .u-label')].map((e) => e.textContent)`);
      t.ok(legend.includes('Systolic') && legend.includes('Diastolic'), `${screen}: the legend names both lines (${legend.join(', ')})`);
      const bpAxis = [Number(await bpChart.getAttribute('data-axis-min')), Number(await bpChart.getAttribute('data-axis-max'))];
      t.ok((bpAxis[0] ?? 0) > 50 && (bpAxis[0] ?? 0) < 82 && (bpAxis[1] ?? 0) > 142 && (bpAxis[1] ?? 0) < 170, `${screen}: one axis for both pressures, fitted (${bpAxis.join('–')})`);

      const spo2 = page.locator('figure.chart[data-metric="spo2"]');
      await waitFor('the SpO2 chart', async () => ((await spo2.getAttribute('data-axis-min')) !== null && (await spo2.getAttribute('aria-busy')) === null ? true : undefined));
      const spo2Axis = [Number(await spo2.getAttribute('data-axis-min')), Number(await spo2.getAttribute('data-axis-max'))];
      t.ok((spo2Axis[0] ?? 0) > 90 && (spo2Axis[0] ?? 0) < 96 && (spo2Axis[1] ?? 0) > 98 && (spo2Axis[1] ?? 0) <= 100, `${screen}: the SpO2 axis fits 96–98 % and stops at 100 (${spo2Axis.join('–')}), not from 0`);
      await browser.check(t, 'vitals-person');
    });

    await t.test(`${screen}: a metric's first reading, while the person's page is open, brings its vital and its chart`, async (t) => {
      await page.goto('/#/people/bea');
      await page.locator('figure.chart[data-metric="heart_rate"]').waitFor();
      // A new scale for Bea on the laptop, a thermometer on the phone: each screen sees a metric new to her.
      const [metric, value, shown] = screen === 'desktop' ? ['body_weight', 61.4, '61.4'] : ['body_temperature', 36.6, '36.6'];
      t.equal(await page.locator(`figure.chart[data-metric="${metric}"]`).count(), 0, `${screen}: no ${metric} chart before its first reading`);
      const before = await page.locator('figure.chart').count();
      await send('monitor-bea', [{ metric, value, ts: Date.now() }]);
      const vital = page.locator(`.vital[data-metric="${metric}"]`);
      await vital.waitFor();
      t.equal(await text(vital.locator('.value')), shown, `${screen}: the new vital, without a reload`);
      const chart = page.locator(`figure.chart[data-metric="${metric}"]`);
      await waitFor(`the ${metric} chart`, async () => ((await chart.getAttribute('data-points')) !== null && (await chart.getAttribute('aria-busy')) === null ? chart.getAttribute('data-points') : undefined));
      t.equal(await chart.getAttribute('data-points'), '1', `${screen}: charted with its one reading`);
      t.equal(await page.locator('figure.chart').count(), before + 1, `${screen}: beside the charts already there`);
      t.equal(await page.locator('figure.chart[data-metric="heart_rate"]').count(), 1);
    });

    await t.test(`${screen}: Insights says the models’ values in words, with what they were computed from and when`, async (t) => {
      await page.goto('/#/insights');
      const words = page.locator('.model-readings li[data-person="alex"][data-metric="af_probability"]');
      await words.waitFor();
      t.match(await text(words), /^Alex: Irregular rhythm \(atrial fibrillation\): unlikely \(2 %\) — from the intervals between 60 heartbeats, at \d{1,2}:\d{2}( [AP]M)?\. \d+ min ago$/, `${screen}: the score in words, its basis and its time`);
      await browser.check(t, 'vitals-insights');
    });
  });
});
