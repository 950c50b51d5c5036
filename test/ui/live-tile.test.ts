import t from 'tap';
import { openDashboardBrowser } from './helpers/browser.js';
import { startDashboardHub } from './helpers/dashboard-hub.js';
import { inPage, onboardOwner, signInOwner } from './helpers/sign-in.js';
import { waitFor } from '../helpers/hub-process.js';

t.test('a person tile updates live from the simulated household', async (t) => {
  const hub = await startDashboardHub();
  t.teardown(() => hub.stop());
  const browser = await openDashboardBrowser({ baseURL: hub.baseURL });
  t.teardown(() => browser.close());
  const { page } = browser;
  await onboardOwner(page);

  await page.goto('/');
  const heartRate = page.locator('article.tile[data-person="alex"] .vital[data-metric="heart_rate"]');
  await heartRate.waitFor();
  const firstTs = Number(await heartRate.getAttribute('data-value-ts'));
  // A new reading arrives over the WebSocket: the shown reading's time moves on without a reload.
  await waitFor('a live heart-rate reading on the tile', async () => (Number(await heartRate.getAttribute('data-value-ts')) > firstTs ? true : undefined));
  const value = Number(await heartRate.locator('.value').textContent());
  t.ok(value >= 30 && value <= 200, `heart rate on the tile is a plausible ${value} bpm`);
  t.match(await heartRate.locator('.age').textContent(), /just now|\d+ s ago/, 'the tile says how fresh the value is');
  t.notMatch(await heartRate.getAttribute('class'), /stale/, 'a live value is not greyed');
  t.equal(await page.locator('.connection').textContent(), 'Live', 'the page shows it is connected');
  t.equal(await inPage(page, "performance.getEntriesByName('hearth:first-live-reading').length"), 1, 'the first live reading is marked for the benchmark');
  const devices = await page.locator('article.tile[data-person="alex"] .devices-line li').count();
  t.ok(devices > 0, 'the tile lists the person’s devices');
  await browser.screenshot('household-desktop-light');

  const phone = await openDashboardBrowser({ baseURL: hub.baseURL, phone: true, colorScheme: 'dark' });
  t.teardown(() => phone.close());
  await signInOwner(phone.page);
  await phone.page.goto('/');
  await phone.page.locator('article.tile[data-person="sam"] .vital[data-metric="heart_rate"]').waitFor();
  const columns = await inPage(phone.page, "getComputedStyle(document.querySelector('.tiles')).gridTemplateColumns.split(' ').length");
  t.equal(columns, 1, 'a phone shows the tiles in one column');
  const background = await inPage(phone.page, 'getComputedStyle(document.body).backgroundColor');
  t.equal(background, 'rgb(20, 18, 17)', 'a phone set to dark mode gets the dark theme');
  await phone.screenshot('household-phone-dark');
});

