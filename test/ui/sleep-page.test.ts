import { join } from 'node:path';
import t from 'tap';
import { makeDeviceId } from '../../core/device-id.js';
import { listApneaEcgRecords, readApneaEcgRecord } from '../../hub/apps/sleeporacle/apnea-ecg-folder.js';
import { sharedDataDir } from '../inference/paths.js';
import { waitFor } from '../helpers/hub-process.js';
import { seedNight } from '../helpers/seed-history.js';
import { onEachScreen } from './helpers/browser.js';
import { startDashboardHub, type DashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwnerOverApi, signInOwner } from './helpers/sign-in.js';
import { openFromMainNav } from './helpers/main-nav.js';

const HOUR = 3_600_000;
// Alex slept eight hours and woke three hours ago, with a 4 % dip every 10 minutes; his strap's beats
// are those of a01 of Apnea-ECG, a night with a recorded AHI of 69.6.
const awake = Date.now() - 3 * HOUR;
const asleep = awake - 8 * HOUR;

let hub: DashboardHub;
t.before(async () => {
  const folder = join(sharedDataDir, 'apnea-ecg');
  const a01 = (await listApneaEcgRecords(folder)).find((r) => r.record === 'a01');
  if (a01 === undefined) throw new Error('a01 is missing from the shared data');
  const { beats } = await readApneaEcgRecord(folder, a01);
  hub = await startDashboardHub({
    config: { sleeporacle: { timeZone: 'UTC' } },
    prepare: (dataDir) =>
      seedNight(dataDir, {
        personId: 'alex',
        strapId: makeDeviceId('sim', 'strap-alex'),
        oximeterId: makeDeviceId('sim', 'oximeter-alex'),
        asleep,
        awake,
        dipEveryMinutes: 10,
        beats,
      }),
  });
  const owner = await onboardOwnerOverApi(hub.baseURL);
  // The night is screened when the hub starts, once the model is loaded: the pages are opened after.
  await waitFor(
    'the night’s breathing screening',
    async () => {
      const answer = await fetch(`${hub.baseURL}/api/v1/sleep?personId=alex&from=${asleep - HOUR}&to=${Date.now()}`, { headers: { cookie: owner.cookie } });
      const body = (await answer.json()) as { sessions?: { breathing?: unknown }[] };
      return body.sessions?.some((s) => s.breathing !== null && s.breathing !== undefined) === true ? true : undefined;
    },
    60_000,
  );
});
t.teardown(() => hub.stop());

t.test('SleepOracle: last night in detail, its oxygen and score in words, the fortnight as a timeline', async (t) => {
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);
    await page.goto('/');
    await page.locator('article.tile[data-person="alex"]').waitFor();

    await openFromMainNav(page, '#/sleep');
    await page.getByRole('heading', { name: 'Sleep', level: 1 }).waitFor();
    await browser.check(t, 'sleep-household');
    await page.getByRole('link', { name: 'Alex’s sleep' }).click();
    await page.getByRole('heading', { name: 'Alex: sleep', level: 1 }).waitFor();

    const night = page.locator('article.night');
    await waitFor('the night', async () => ((await night.count()) > 0 ? true : undefined), 20_000);
    const heading = (await night.locator('h2').first().textContent()) ?? '';
    t.match(heading, /^Night of /, `${screen}: the night is named (${heading})`);
    const odi4 = (await night.locator('[data-figure="odi4"]').textContent()) ?? '';
    const perHour = Number(/^([\d.]+) an hour$/.exec(odi4)?.[1]);
    t.ok(perHour >= 5.5 && perHour <= 6.2, `${screen}: about 6 dips of 4 % an hour (${odi4})`);
    t.equal(await night.locator('[data-figure="t90"]').textContent(), '0 min', `${screen}: no time below 90 %`);
    t.equal(await night.locator('[data-figure="lowest"]').textContent(), '91 %');
    t.match((await night.locator('.night-summary').textContent()) ?? '', /\d h \d+ min asleep/, `${screen}: how long, in words`);
    t.ok((await night.locator('.score-parts li').count()) >= 2, `${screen}: the score shows its parts`);
    const row = page.locator('.night-timeline button.night-row[aria-pressed="true"]');
    t.match((await row.textContent()) ?? '', /asleep .* to .*, score \d+, \d+ h \d+ min/, `${screen}: the timeline says what it draws`);
    const breathing = night.locator('.night-breathing');
    t.equal(await breathing.getAttribute('data-category'), 'severe', `${screen}: the strap's night screened as severe`);
    t.match((await breathing.textContent()) ?? '', /About \d+ breathing pauses or shallow breaths an hour: severe \(30 or more an hour\)\..*A screening aid, not a diagnosis/, `${screen}: the estimate in words, and what it is not`);
    const apneaChart = page.locator('figure.chart[data-metric="apnea_probability"]');
    await waitFor('the apnea probability chart', async () => ((await apneaChart.getAttribute('data-points')) !== null && (await apneaChart.getAttribute('aria-busy')) === null ? true : undefined));
    // Each minute of the night's eight hours on a laptop; on a phone's narrower chart, about one point per pixel.
    t.ok(Number(await apneaChart.getAttribute('data-points')) > (screen === 'phone' ? 200 : 400), `${screen}: the night's minutes charted (${await apneaChart.getAttribute('data-points')} points)`);
    await page.locator('figure.chart[data-metric="spo2"][data-points]').waitFor();
    const oxygenChart = page.locator('article.night figure.chart[data-metric="spo2"]');
    t.equal(await oxygenChart.getAttribute('data-marks'), '48', `${screen}: the night's 48 dips shaded on the oxygen chart`);
    t.match((await oxygenChart.locator('.chart-caption').textContent()) ?? '', /shaded: 48 dips of 3 % or more$/, `${screen}: and said under it`);
    t.equal(await page.locator('article.night figure.chart[data-metric="hrv_rmssd"]').count(), 1, `${screen}: the night's heart rate variability beside it`);
    // Week by week: eight weeks, the newest holding last night, older ones empty; the estimate charted over them.
    const weeks = page.locator('.weeks-table > tbody > tr');
    await weeks.first().waitFor();
    t.equal(await weeks.count(), 8, `${screen}: eight weeks`);
    t.equal(await weeks.first().getAttribute('data-nights'), '1', `${screen}: this week has last night`);
    t.match((await weeks.first().textContent()) ?? '', /\d h \d+ min/, `${screen}: with its time asleep`);
    t.equal(await page.locator('.weeks-table > tbody > tr[data-nights="0"]').count(), 7);
    const estimates = page.locator('.sleep-weeks figure.chart[data-metric="ahi_estimate"]');
    await waitFor('the weeks’ breathing chart', async () => ((await estimates.getAttribute('data-points')) !== null && (await estimates.getAttribute('aria-busy')) === null ? true : undefined));
    t.equal(await estimates.getAttribute('data-points'), '1', `${screen}: one estimate, last night's`);
    await browser.check(t, 'sleep-night');
  });
});
