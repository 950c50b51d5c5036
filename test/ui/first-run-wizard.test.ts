import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { waitFor } from '../helpers/hub-process.js';
import { onEachScreen, openDashboardBrowser, type DashboardBrowser } from './helpers/browser.js';
import { OWNER, startDashboardHub } from './helpers/dashboard-hub.js';
import { inPage, onboardOwnerOverApi, signInOwner } from './helpers/sign-in.js';

/** The step the wizard shows: its count line and its heading. */
async function onStep(page: Page, count: number, title: string): Promise<void> {
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  await page.getByText(`Step ${count} of 5`, { exact: true }).waitFor();
}

async function json<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  if (!response.ok()) throw new Error(`${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * A first run, from the page that creates the owner to the pairing page: two people added (a
 * third added and taken away again), another time zone, pounds and a 12-hour clock, the demo
 * household removed after its confirmation, and a reload halfway that comes back to the same step.
 */
async function walk(t: Test, browser: DashboardBrowser, base: string): Promise<void> {
  const { page, screen } = browser;
  await page.goto(`${base}/`);
  await page.getByRole('heading', { name: 'Welcome to Hearth' }).waitFor();
  await page.getByLabel('Your name').fill(OWNER.displayName);
  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByLabel('Password again').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await onStep(page, 1, 'Who lives here?');
  await page.locator('.setup-people li', { hasText: `${OWNER.displayName} (you)` }).waitFor();
  t.equal(await page.locator('.setup-steps [aria-current="step"]').textContent(), 'People', `${screen}: the list of steps marks where the owner is`);
  t.ok(await page.locator('.setup-people li', { hasText: 'Alex (demo household)' }).isVisible(), `${screen}: the demo's people are named as such`);
  t.equal(await page.getByRole('button', { name: 'Back' }).count(), 0, `${screen}: no Back on the first step`);
  await page.getByLabel('Name 1', { exact: true }).fill('Jo');
  await page.getByRole('button', { name: 'Add another person' }).click();
  await page.getByLabel('Name 2', { exact: true }).fill('Kim');
  await page.getByRole('button', { name: 'Add another person' }).click();
  await page.getByLabel('Name 3', { exact: true }).fill('Not staying');
  await browser.check(t, 'wizard-people');
  await page.getByRole('button', { name: 'Remove name 3' }).click();
  t.equal(await page.getByLabel('Name 3', { exact: true }).count(), 0, `${screen}: a name row can be taken away`);
  await page.getByRole('button', { name: 'Next' }).click();

  await onStep(page, 2, 'Your time zone');
  const browserZone = await inPage<string>(page, 'Intl.DateTimeFormat().resolvedOptions().timeZone');
  t.equal(await page.getByLabel('Time zone').inputValue(), browserZone, `${screen}: the browser's zone is chosen to begin with (${browserZone})`);
  t.ok((await page.locator('#setting-timeZone option').count()) > 300, `${screen}: every zone the browser knows is there to choose`);
  await page.getByLabel('Time zone').selectOption('Europe/Lisbon');
  await browser.check(t, 'wizard-time-zone');
  await page.getByRole('button', { name: 'Next' }).click();

  await onStep(page, 3, 'Units and time');
  await page.reload();
  await onStep(page, 3, 'Units and time');
  t.pass(`${screen}: a reload mid-way comes back to the same step`);
  await page.getByRole('button', { name: 'Back' }).click();
  await onStep(page, 2, 'Your time zone');
  t.equal(await page.getByLabel('Time zone').inputValue(), 'Europe/Lisbon', `${screen}: Back shows the zone as it was saved`);
  await page.getByRole('button', { name: 'Next' }).click();
  await onStep(page, 3, 'Units and time');
  await page.getByLabel('Weight').selectOption('imperial');
  await page.getByLabel('Time', { exact: true }).selectOption('12h');
  await browser.check(t, 'wizard-units');
  await page.getByRole('button', { name: 'Next' }).click();

  await onStep(page, 4, 'The demo household');
  const intro = (await page.locator('.demo-removal').textContent()) ?? '';
  t.match(intro, /Alex and Sam with 8 simulated devices/, `${screen}: the step says who the demo household is`);
  await browser.check(t, 'wizard-demo');
  await page.getByRole('button', { name: 'Remove the demo household' }).click();
  const confirmation = page.getByRole('group', { name: 'Remove the demo household?' });
  await confirmation.waitFor();
  t.match(await confirmation.textContent(), /This removes Alex and Sam, 8 devices and everything recorded of them: [\d,]+ readings .*Your own people and devices stay\. This cannot be undone\./, `${screen}: the confirmation says what goes, and what stays`);
  await browser.check(t, 'wizard-demo-confirm');
  await confirmation.getByRole('button', { name: 'Yes, remove it' }).click();
  await page.getByText('The demo household is gone', { exact: false }).waitFor();
  await browser.check(t, 'wizard-demo-removed');
  await page.getByRole('button', { name: 'Next' }).click();

  await onStep(page, 5, 'Your devices');
  t.match(await page.locator('.setup-card form').textContent(), /Look for new devices/, `${screen}: the step says what to do on the pairing page`);
  await browser.check(t, 'wizard-devices');
  await page.getByRole('button', { name: 'Finish' }).click();

  await page.getByRole('heading', { name: 'Devices', level: 1, exact: true }).waitFor();
  t.equal(await inPage<string>(page, 'location.hash'), '#/devices', `${screen}: Finish lands on the pairing page`);
  await page.getByRole('button', { name: 'Look for new devices' }).waitFor();
  t.equal(await page.locator('.demo-badge').count(), 0, `${screen}: no DEMO badge any more`);
  await browser.check(t, 'wizard-finished-devices');

  const settings = await json<{ timeZone: string; units: string; timeFormat: string }>(page, `${base}/api/v1/settings`);
  t.match(settings, { timeZone: 'Europe/Lisbon', units: 'imperial', timeFormat: '12h' }, `${screen}: the household's settings are as chosen`);
  const people = (await json<{ name: string }[]>(page, `${base}/api/v1/people`)).map((p) => p.name).sort();
  t.same(people, ['Jo', 'Kim', OWNER.displayName].sort(), `${screen}: the household is its own people, the demo's gone`);
  t.equal((await json<{ demo: { running: boolean } }>(page, `${base}/api/v1/hub`)).demo.running, false, `${screen}: the simulation has stopped`);
  t.match(await json(page, `${base}/api/v1/setup`), { state: 'done' }, `${screen}: the setup is finished`);

  await page.reload();
  await page.getByRole('heading', { name: 'Devices', level: 1, exact: true }).waitFor();
  t.equal(await page.locator('.setup').count(), 0, `${screen}: after a reload the dashboard stays, without the setup`);
}

t.test('the first run walks the owner through people, time zone, units, the demo household and devices', async (t) => {
  // A first run happens once per hub: each screen gets a hub of its own, and its pages are opened
  // by their full address (the browser's base address is only where it starts).
  await onEachScreen('http://127.0.0.1/', async (browser) => {
    const hub = await startDashboardHub();
    try {
      await walk(t, browser, hub.baseURL);
    } finally {
      await hub.stop();
    }
  });
});

t.test('only the owner in the middle of it sees the setup: on another browser at the same step, never another account', async (t) => {
  const hub = await startDashboardHub();
  t.teardown(() => hub.stop());
  const owner = await onboardOwnerOverApi(hub.baseURL);
  const headers = { 'content-type': 'application/json', cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
  const moved = await fetch(`${hub.baseURL}/api/v1/setup`, { method: 'PUT', headers, body: JSON.stringify({ step: 'demo', done: false }) });
  t.equal(moved.status, 200, 'the owner is at the demo step');
  const member = await fetch(`${hub.baseURL}/api/v1/users`, { method: 'POST', headers, body: JSON.stringify({ username: 'sam', password: 'sam-password-long', displayName: 'Sam', role: 'member', personId: 'sam' }) });
  t.equal(member.status, 201, 'Sam has an account');

  const browser = await openDashboardBrowser({ baseURL: hub.baseURL });
  t.teardown(() => browser.close());
  const { page } = browser;
  await signInOwner(page);
  await page.goto('/');
  await onStep(page, 4, 'The demo household');
  t.pass("the owner's other browser opens the setup at the same step");

  await page.context().clearCookies();
  await page.goto('/');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Username').fill('sam');
  await page.getByLabel('Password').fill('sam-password-long');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Household', level: 1 }).waitFor();
  t.equal(await page.locator('.setup').count(), 0, 'a member goes straight to the dashboard');
  t.equal(await page.locator('a.demo-badge').count(), 0, 'and their DEMO badge only says what it is');
  await page.locator('span.demo-badge').waitFor();
});

t.test("the owner's DEMO badge leads to the demo household, where one click and a confirmation remove it", async (t) => {
  const hub = await startDashboardHub();
  t.teardown(() => hub.stop());
  await onboardOwnerOverApi(hub.baseURL);
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);
    await page.goto('/');
    await page.locator('article.tile[data-person="alex"]').waitFor();
    const badge = page.locator('a.demo-badge');
    await badge.waitFor();
    const box = await badge.boundingBox();
    t.ok(box !== null, `${screen}: the badge is drawn`);
    await badge.click();
    await page.getByRole('heading', { name: 'The demo household', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Remove the demo household' }).click();
    await page.getByRole('group', { name: 'Remove the demo household?' }).waitFor();
    await browser.check(t, 'demo-badge-removal');
    if (screen === 'desktop') {
      await page.getByRole('button', { name: 'Keep it' }).click();
      t.ok(await page.getByRole('button', { name: 'Remove the demo household' }).isVisible(), `${screen}: "Keep it" keeps it`);
      await page.goto('/#/settings');
      await page.getByRole('heading', { name: 'Demo household', level: 2 }).waitFor();
      t.pass(`${screen}: Settings has it too`);
      return;
    }
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByText('The demo household is gone', { exact: false }).waitFor();
    await waitFor('the DEMO badge to go', async () => ((await page.locator('.demo-badge').count()) === 0 ? true : undefined), 10_000);
    t.pass(`${screen}: removed from the badge's page, and the badge goes`);
  });
});
