import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { DATABASE_FILE } from '../../hub/store/database-file.js';
import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../helpers/hub-process.js';
import { seedHeartRateHistory } from '../helpers/seed-history.js';
import { onEachScreen, openDashboardBrowser } from './helpers/browser.js';
import { startDashboardHub, type DashboardHub } from './helpers/dashboard-hub.js';
import { inPage, onboardOwnerOverApi, signInOwner } from './helpers/sign-in.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const end = Date.now() - 2 * 60_000;
const gap: readonly [number, number] = [end - 12 * DAY, end - 10 * DAY];

/** The simulated household, with 30 days of Alex's heart rate behind it. */
let hub: DashboardHub;
t.before(async () => {
  hub = await startDashboardHub({
    prepare: async (dataDir) => {
      await seedHeartRateHistory(dataDir, { personId: 'alex', deviceId: 'sim:strap-alex', end, days: 30, stepMs: 60_000, gaps: [gap] });
    },
  });
  await onboardOwnerOverApi(hub.baseURL);
});
t.teardown(() => hub.stop());

interface ChartState {
  readonly resolution: string;
  readonly from: number;
  readonly to: number;
  readonly points: number;
  readonly gaps: number;
}

/**
 * The chart as it stands, its attributes read at once: read one by one, a load finishing between
 * two reads would mix the old resolution with the new range.
 */
async function chartState(chart: Locator): Promise<ChartState | undefined> {
  const names = ['aria-busy', 'data-resolution', 'data-from', 'data-to', 'data-points', 'data-gaps'];
  const [busy, resolution, from, to, points, gaps] = await chart.evaluate((element: { getAttribute(name: string): string | null }, asked: string[]) => asked.map((name) => element.getAttribute(name)), names);
  if (busy === 'true' || resolution === null || resolution === undefined) return undefined;
  return { resolution, from: Number(from), to: Number(to), points: Number(points), gaps: Number(gaps) };
}

/** Drags across the plot from one fraction of its width to another, as a person zooms with a mouse. */
async function dragAcross(page: Page, chart: Locator, fromFraction: number, toFraction: number): Promise<void> {
  const box = await chart.locator('.u-over').boundingBox();
  if (box === null) throw new Error('the chart has no plot area');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * fromFraction, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((fromFraction + toFraction) / 2), y, { steps: 4 });
  await page.mouse.move(box.x + box.width * toFraction, y, { steps: 4 });
  await page.mouse.up();
}

t.test('a 30-day heart-rate chart loads rollups, shows the gap, and loads raw readings when zoomed in', async (t) => {
  const browser = await openDashboardBrowser({ baseURL: hub.baseURL });
  t.teardown(() => browser.close());
  const { page } = browser;
  await signInOwner(page);
  // The page's last heart-rate question, for the message of a zoom that did not come back raw.
  let lastHeartRateQuery = '';
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/series') && url.searchParams.get('metric') === 'heart_rate') lastHeartRateQuery = url.search;
  });

  await page.goto('/#/people/alex?range=30d');
  const chart = page.locator('figure.chart[data-metric="heart_rate"]');
  const month = await waitFor('the 30-day chart', () => chartState(chart));
  t.ok(month.to - month.from >= 29.9 * DAY, 'the chart spans 30 days');
  t.not(month.resolution, 'raw', `30 days come from rollups (${month.resolution} s buckets), not raw readings`);
  t.ok(month.points > 100 && month.points <= 2000, `about one point per pixel (${month.points})`);
  t.ok(month.gaps >= 1, 'the two days without readings are drawn as a gap');
  await browser.screenshot('chart-30-days');

  // Near the right edge: three days ago, inside the seeded history.
  await dragAcross(page, chart, 0.9, 0.93);
  const day = await waitFor('the zoomed chart', async () => {
    const state = await chartState(chart);
    return state !== undefined && state.to - state.from < 2 * DAY ? state : undefined;
  });
  t.ok(day.from > month.from + 25 * DAY && day.to < month.to, 'the zoom covers the dragged part of the month');
  const dragged = (day.to - day.from) / (month.to - month.from);
  t.ok(Math.abs(dragged - 0.03) < 0.003, `as wide as the drag: 3 % of the month (${(dragged * 100).toFixed(2)} %)`);
  t.not(day.resolution, month.resolution, `a day loads finer data (${day.resolution})`);
  const followed = await allChartsAt(page, 'Alex’s other charts to follow the zoom', (r) => r.from === day.from && r.to === day.to);
  t.same(followed, { from: day.from, to: day.to }, 'a zoom in one of Alex’s charts is a zoom in all of them');

  await dragAcross(page, chart, 0.3, 0.6);
  const hours = await waitFor('the chart zoomed to hours', async () => {
    const state = await chartState(chart);
    return state !== undefined && state.to - state.from < (day.to - day.from) / 2 ? state : undefined;
  });
  const spans = `${((hours.to - hours.from) / HOUR).toFixed(1)} h of a ${((day.to - day.from) / HOUR).toFixed(1)} h zoom, ${hours.points} points`;
  t.equal(hours.resolution, 'raw', `zoomed to a few hours, the chart shows the readings themselves (${spans}; asked ${lastHeartRateQuery}; heart-rate series: ${heartRateSeries(hub.dataDir, hours.from, hours.to)})`);
  t.ok(hours.points > 60, `the readings are there (${hours.points})`);
  await browser.screenshot('chart-zoomed-raw');

  await chart.getByRole('button', { name: 'Zoom out' }).click();
  const back = await waitFor('zooming out', async () => {
    const state = await chartState(chart);
    return state !== undefined && state.from === day.from ? state : undefined;
  });
  t.equal(back.to, day.to, 'zoom out returns to the previous range');
  await allChartsAt(page, 'Alex’s other charts to zoom out with it', (r) => r.from === day.from && r.to === day.to);
});

/** Alex's heart-rate series as the store has them (device, person, purged before): what decides raw or rollups. */
function heartRateSeries(dataDir: string, from: number, to: number): string {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    // What the store's plan reads: purge marks, the readings in the range, and the minute rollups' count of them.
    const rows = db
      .prepare(
        `SELECT s.device_id, s.person_id, s.purged_before,
           (SELECT count(*) FROM sample WHERE series_id = s.id AND ts >= :from AND ts < :to) AS readings,
           (SELECT sum(count) FROM rollup WHERE series_id = s.id AND resolution = 60 AND bucket >= :from AND bucket < :to) AS in_minute_rollups
         FROM series s WHERE s.metric = 'heart_rate'`,
      )
      .all({ from, to });
    return JSON.stringify(rows);
  } finally {
    db.close();
  }
}

interface ChartRange {
  readonly from: number;
  readonly to: number;
}

/** Each chart's shown range, once none is loading. */
function chartRanges(page: Page): Promise<ChartRange[] | undefined> {
  return inPage<ChartRange[] | undefined>(
    page,
    `(() => {
      const charts = [...document.querySelectorAll('figure.chart')];
      if (charts.length === 0 || charts.some((c) => c.getAttribute('aria-busy') === 'true' || c.getAttribute('data-from') === null)) return undefined;
      return charts.map((c) => ({ from: Number(c.dataset.from), to: Number(c.dataset.to) }));
    })()`,
  );
}

/** Waits until every chart of the page shows one same range that `accept` takes. */
function allChartsAt(page: Page, what: string, accept: (range: ChartRange) => boolean): Promise<ChartRange> {
  return waitFor(
    what,
    async () => {
      const ranges = (await chartRanges(page)) ?? [];
      const [first] = ranges;
      if (first === undefined || ranges.length < 3 || !accept(first)) return undefined;
      return ranges.every((r) => r.from === first.from && r.to === first.to) ? first : undefined;
    },
    30_000,
  );
}

t.test('a person’s charts zoom together, and on a phone a zoom ends at now', async (t) => {
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);
    await page.goto('/#/people/alex?range=24h');
    // The oximeter's first reading may come after the page opened: its chart joins then.
    await page.locator('figure.chart[data-metric="spo2"]').waitFor();
    const day = await allChartsAt(page, 'the charts of the day', (r) => r.to - r.from > 23 * HOUR);
    await page.locator('figure.chart[data-metric="spo2"]').getByRole('button', { name: 'Zoom in' }).click();
    const clicked = Date.now();
    const half = await allChartsAt(page, 'every chart zoomed in', (r) => r.to - r.from < 13 * HOUR);
    t.equal(half.to - half.from, (day.to - day.from) / 2, `${screen}: the zoom in the SpO2 chart halves every chart’s range`);
    if (screen === 'phone') {
      t.ok(half.to >= day.to && half.to <= clicked + 5_000, `${screen}: the right edge is now, so the latest readings stay in sight`);
    } else {
      t.equal(half.to, day.to - (day.to - day.from) / 4, `${screen}: around the middle, as with a mouse`);
    }
    await browser.screenshot(`chart-zoom-linked-${screen}`);
    await page.locator('figure.chart[data-metric="heart_rate"]').getByRole('button', { name: 'Zoom out' }).click();
    const back = await allChartsAt(page, 'every chart zoomed out', (r) => r.to - r.from > 23 * HOUR);
    t.equal(back.to - back.from, day.to - day.from, `${screen}: zooming out in another chart takes them all back`);
    await browser.check(t, 'chart-zoom-linked');
  });
});
