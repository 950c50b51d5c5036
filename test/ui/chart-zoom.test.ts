import t from 'tap';
import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../helpers/hub-process.js';
import { seedHeartRateHistory } from '../helpers/seed-history.js';
import { openDashboardBrowser } from './helpers/browser.js';
import { startDashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwner } from './helpers/sign-in.js';

const DAY = 86_400_000;

interface ChartState {
  readonly resolution: string;
  readonly from: number;
  readonly to: number;
  readonly points: number;
  readonly gaps: number;
}

async function chartState(chart: Locator): Promise<ChartState | undefined> {
  if ((await chart.getAttribute('aria-busy')) === 'true') return undefined;
  const resolution = await chart.getAttribute('data-resolution');
  if (resolution === null) return undefined;
  const number = async (name: string): Promise<number> => Number(await chart.getAttribute(`data-${name}`));
  return { resolution, from: await number('from'), to: await number('to'), points: await number('points'), gaps: await number('gaps') };
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
  const end = Date.now() - 2 * 60_000;
  const gap: readonly [number, number] = [end - 12 * DAY, end - 10 * DAY];
  const hub = await startDashboardHub({
    prepare: async (dataDir) => {
      await seedHeartRateHistory(dataDir, { personId: 'alex', deviceId: 'sim:strap-alex', end, days: 30, stepMs: 60_000, gaps: [gap] });
    },
  });
  t.teardown(() => hub.stop());
  const browser = await openDashboardBrowser({ baseURL: hub.baseURL });
  t.teardown(() => browser.close());
  const { page } = browser;
  await onboardOwner(page);

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
  t.not(day.resolution, month.resolution, `a day loads finer data (${day.resolution})`);

  await dragAcross(page, chart, 0.3, 0.6);
  const hours = await waitFor('the chart zoomed to hours', async () => {
    const state = await chartState(chart);
    return state !== undefined && state.to - state.from < (day.to - day.from) / 2 ? state : undefined;
  });
  t.equal(hours.resolution, 'raw', 'zoomed to a few hours, the chart shows the readings themselves');
  t.ok(hours.points > 60, `the readings are there (${hours.points})`);
  await browser.screenshot('chart-zoomed-raw');

  await chart.getByRole('button', { name: 'Zoom out' }).click();
  const back = await waitFor('zooming out', async () => {
    const state = await chartState(chart);
    return state !== undefined && state.from === day.from ? state : undefined;
  });
  t.equal(back.to, day.to, 'zoom out returns to the previous range');
});
