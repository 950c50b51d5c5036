import t from 'tap';
import { join } from 'node:path';
import type { Alert } from '../../hub/api/contract/alerts.js';
import { DATABASE_FILE } from '../../hub/store/database-file.js';
import { Store } from '../../hub/store/store.js';
import { waitFor } from '../helpers/hub-process.js';
import { onEachScreen } from './helpers/browser.js';
import { startDashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwnerOverApi, signInOwner, type OwnerSession } from './helpers/sign-in.js';

const DAY = 86_400_000;

/** A rule every simulated heart beat crosses, so each person has an alert to acknowledge. */
const ALERT_CONFIG = {
  alerts: { rules: { heart_rate_watch: { kind: 'threshold', metric: 'heart_rate', above: 25, forSeconds: 0, severity: 'warning', enabled: true } } },
};

/**
 * Two months of the household before this start: a weighing a morning on the shared scale (more
 * than a logbook page), and the chest straps' battery every few hours (a line to chart).
 */
async function seedHistory(dataDir: string): Promise<void> {
  const store = new Store({ path: join(dataDir, DATABASE_FILE) });
  await store.start();
  const now = Date.now();
  for (const [personId, kg] of [['alex', 84.2], ['sam', 62.8]] as const) {
    for (let d = 1; d <= 60; d++) {
      const ts = Math.floor((now - d * DAY) / DAY) * DAY + 7 * 3_600_000;
      store.writer.write({ metric: 'body_weight', value: kg, unit: 'kg', ts, deviceId: 'sim:scale', personId, tsSource: 'device' });
    }
    for (let h = 48; h >= 1; h -= 4) {
      store.writer.write({ metric: 'battery', value: 100 - (h % 24) / 6, unit: '%', ts: now - h * 3_600_000, deviceId: `sim:strap-${personId}`, personId, tsSource: 'hub' });
    }
  }
  store.writer.flush();
  await store.stop();
}

async function api<T>(base: string, session: OwnerSession, method: string, path: string): Promise<T> {
  const answer = await fetch(`${base}/api/v1${path}`, { method, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, accept: 'application/json' } });
  if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as T;
}

t.test("a device's page and a person's logbook, on a laptop and a phone", async (t) => {
  const hub = await startDashboardHub({ config: ALERT_CONFIG, prepare: seedHistory });
  t.teardown(() => hub.stop());
  const session = await onboardOwnerOverApi(hub.baseURL);
  const alertOf = (personId: string) =>
    waitFor(`an alert for ${personId}`, async () => (await api<Alert[]>(hub.baseURL, session, 'GET', '/alerts')).find((a) => a.personId === personId), 30_000);

  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    // A person each, so that each screen sees an acknowledgement arrive while its logbook is open.
    const person = screen === 'desktop' ? { id: 'alex', name: 'Alex' } : { id: 'sam', name: 'Sam' };
    await signInOwner(page);

    await page.goto('/#/devices');
    const card = page.locator(`article.device[data-device-id="sim:strap-${person.id}"]`);
    await card.waitFor({ timeout: 20_000 });
    await card.getByRole('link', { name: `Details and history of ${person.name}'s chest strap` }).click();
    await page.getByRole('heading', { level: 1, name: `${person.name}'s chest strap` }).waitFor();
    t.match(page.url(), /#\/devices\/sim%3Astrap-/, `${screen}: the device has an address of its own`);
    const facts = page.locator('.device-facts');
    await facts.locator('.last-reading', { hasText: 'Heart rate' }).waitFor({ timeout: 20_000 });
    const fact = (term: string) => facts.locator(`dt:text-is("${term}") + dd`);
    t.equal(await fact('Belongs to').textContent(), person.name, `${screen}: whose it is`);
    t.match(await fact('Measures').textContent(), /Heart rate.*Battery/, `${screen}: what it measures`);
    t.match(await fact('Last reading').textContent(), /^Heart rate \d+ bpm, .+ \((just now|\d+ s ago)\)$/, `${screen}: its newest reading, its time and age`);
    t.match(await fact('Battery').textContent(), /^\d+%/, `${screen}: its battery`);
    t.match(await fact('Signal').textContent(), /^Not known/, `${screen}: a simulated device has no radio signal to show`);
    t.match(await fact('Link').textContent(), /^Connected, /, `${screen}: its link`);
    await page.locator('.battery-chart canvas').first().waitFor();
    t.match(await page.locator('.battery-chart figcaption').textContent(), /^Battery from \d+% on .+ to \d+% on /, `${screen}: its battery over time`);
    const history = page.locator('.history-list > li');
    await history.first().waitFor();
    t.equal(await history.first().getAttribute('data-kind'), 'connected', `${screen}: its connection history`);
    await browser.check(t, 'device-page');

    const renamed = `${person.name}'s strap (${screen})`;
    await page.getByLabel('Name').fill(renamed);
    await page.getByLabel('Name').press('Tab');
    await page.getByRole('heading', { level: 1, name: renamed }).waitFor();
    t.pass(`${screen}: the owner renames it on its page`);

    await page.goto(`/#/people/${person.id}`);
    await page.getByRole('link', { name: 'Logbook' }).click();
    await page.getByRole('heading', { level: 1, name: `${person.name}'s logbook` }).waitFor();
    const entries = page.locator('.log-entry');
    await entries.first().waitFor({ timeout: 20_000 });
    await page.locator('.log-entry[data-kind="hour"]', { hasText: /Heart rate: average \d+ bpm \(lowest \d+, highest \d+\), [\d,]+ readings so far/ }).first().waitFor({ timeout: 20_000 });
    t.ok(await page.locator('.log-entry[data-kind="measurement"]', { hasText: /Blood pressure \d+\/\d+ mmHg/ }).count() > 0, `${screen}: blood pressures, both values on one line`);
    t.ok(await page.locator('.log-entry[data-kind="device"]', { hasText: `${renamed} connected` }).count() > 0, `${screen}: the strap's connection, by its new name`);
    t.ok(await page.locator('.log-entry[data-kind="alert"]', { hasText: /Alert: / }).count() > 0, `${screen}: the alert raised`);
    t.ok(await page.getByRole('heading', { level: 2, name: 'Today' }).isVisible(), `${screen}: entries by day`);

    // Acknowledged elsewhere while the logbook is open: the line comes without a reload.
    const alert = await alertOf(person.id);
    await api(hub.baseURL, session, 'POST', `/alerts/${alert.id}/ack`);
    await page.locator('.log-entry[data-kind="alert"]', { hasText: /Acknowledged by Robin/ }).waitFor({ timeout: 20_000 });
    t.pass(`${screen}: an acknowledgement arrives live, saying who`);

    const weighings = page.locator('.log-entry[data-kind="measurement"]', { hasText: /Body weight [\d.]+ kg — Bathroom scale/ });
    const shown = await weighings.count();
    await page.getByRole('button', { name: 'Older' }).click();
    await waitFor('older entries', async () => ((await weighings.count()) > shown ? true : undefined), 20_000);
    t.pass(`${screen}: older weighings come a page further down`);
    await browser.check(t, 'logbook');
  });
});
