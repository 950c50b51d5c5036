import t from 'tap';
import type { Page } from 'playwright-core';
import { onEachScreen, openDashboardBrowser } from './helpers/browser.js';
import { startDashboardHub, type DashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwnerOverApi, signInOwner } from './helpers/sign-in.js';

let hub: DashboardHub;
t.before(async () => {
  hub = await startDashboardHub();
  // The owner exists before any test signs in, so each test stands on its own.
  await onboardOwnerOverApi(hub.baseURL);
});
t.teardown(() => hub.stop());

/** What a form's status line says now. */
async function statusOf(page: Page, form: string): Promise<string> {
  return ((await page.locator(form).locator('.status').last().textContent()) ?? '').trim();
}

/** An answer from the hub's words, never its request checks ("body/…: must …"). */
const API_WORDS = /body|must have|must match|querystring|required property/;

t.test('an API token is made with what it may do and whom it reaches; the form speaks in sentences', async (t) => {
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    const tokensSection = 'section[aria-labelledby="tokens-heading"]';
    const name = `Home Assistant (${screen})`;
    await signInOwner(page);
    await page.goto('/#/settings');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'New token' }) });
    await form.waitFor();

    await form.getByRole('button', { name: 'Create token' }).click();
    t.equal(await statusOf(page, tokensSection), 'Give the token a name, such as the program that will use it.', `${screen}: a missing name is said in words`);

    await form.getByLabel('Token name').fill(name);
    await form.getByLabel('Read readings, devices and alerts').uncheck();
    await form.getByRole('button', { name: 'Create token' }).click();
    t.equal(await statusOf(page, tokensSection), 'Choose at least one thing the token may do.', `${screen}: no scope is said in words`);

    await form.getByLabel('Read readings, devices and alerts').check();
    await form.getByLabel('Acknowledge alerts and change devices').check();
    await form.getByLabel('Only some people’s readings').check();
    await form.getByRole('group', { name: 'It reaches' }).getByLabel('Alex').check();
    await form.getByRole('button', { name: 'Create token' }).click();
    await page.getByText(`Token "${name}" created.`).waitFor();
    t.match(await page.locator('code.token').textContent(), /\S{20,}/, `${screen}: the new token is shown once`);

    const tokens = (await (await page.request.get('/api/v1/tokens')).json()) as { name: string; scopes: string[]; personIds?: string[] }[];
    t.match(tokens.find((token) => token.name === name), { scopes: ['read', 'write'], personIds: ['alex'] }, `${screen}: the hub made it with the scopes and the person chosen`);
    t.match(await page.locator('li[data-token-id]', { hasText: name }).textContent(), /read, write · only Alex/, `${screen}: the list says what it may do and whom it reaches`);
    await browser.check(t, 'settings-token-made');
  });
});

t.test('accounts: roles as they are, a person chosen or asked for, whom caregivers and viewers see', async (t) => {
  const browser = await openDashboardBrowser({ baseURL: hub.baseURL, phone: true });
  t.teardown(() => browser.close());
  const { page } = browser;
  await signInOwner(page);
  await page.goto('/#/settings');
  const users = page.locator('section[aria-labelledby="users-heading"]');
  const add = users.locator('form').last();
  await add.waitFor();

  t.match(await add.locator('#new-user-role-hint').textContent(), /^Sees only their own readings/, 'a member sees only their own readings, as the hint says');
  t.same(
    await add.getByLabel('Role').locator('option').allTextContents(),
    ['Member', 'Caregiver', 'Viewer', 'Owner'],
    'the four roles the hub has, caregiver among them',
  );

  await add.getByLabel('Name', { exact: true }).fill('Kim');
  await add.getByLabel('Username').fill('Kim Smith!');
  await add.getByLabel('Password', { exact: true }).fill('kim-password-long');
  await add.getByRole('button', { name: 'Add account' }).click();
  t.equal(await statusOf(page, 'section[aria-labelledby="users-heading"]'), 'Choose whose readings are theirs, or add them as someone new.', 'a member needs a person chosen');
  await add.getByLabel('Whose readings are theirs?').selectOption('+new');
  await add.getByRole('button', { name: 'Add account' }).click();
  // The form's own checks pass; the hub's answer replaces the status once it comes.
  await users.locator('.status').filter({ hasText: /username/i }).waitFor();
  const refused = await statusOf(page, 'section[aria-labelledby="users-heading"]');
  t.match(refused, /^A username starts with a letter or a digit/, 'the hub’s pattern check becomes a sentence');
  t.notMatch(refused, API_WORDS, 'not the API’s words');

  await add.getByLabel('Username').fill('kim');
  await add.getByRole('button', { name: 'Add account' }).click();
  await page.getByText('Account for Kim added.').waitFor();
  const people = (await (await page.request.get('/api/v1/people')).json()) as { id: string; name: string }[];
  t.ok(people.some((p) => p.name === 'Kim'), 'asked for, a new person Kim is in the household');

  await add.getByLabel('Name', { exact: true }).fill('Cara');
  await add.getByLabel('Username').fill('cara');
  await add.getByLabel('Password', { exact: true }).fill('cara-password-long');
  await add.getByLabel('Role').selectOption('caregiver');
  t.match(await add.locator('#new-user-role-hint').textContent(), /told when nobody answers/, 'the caregiver role says what it means');
  await add.getByRole('group', { name: 'They may see' }).getByLabel('Alex').check();
  await add.getByRole('button', { name: 'Add account' }).click();
  await page.getByText('Account for Cara added.').waitFor();

  await add.getByLabel('Name', { exact: true }).fill('Val');
  await add.getByLabel('Username').fill('val');
  await add.getByLabel('Password', { exact: true }).fill('val-password-long');
  await add.getByLabel('Role').selectOption('viewer');
  await add.getByRole('button', { name: 'Add account' }).click();
  await page.getByText('Account for Val added.').waitFor();
  const val = users.locator('li[data-user="val"]');
  t.match(await val.textContent(), /viewer · sees no one yet/, 'a viewer without grants sees no one, and the list says so');
  t.match(await users.locator('li[data-user="cara"]').textContent(), /caregiver · sees Alex/, 'the caregiver sees Alex');
  await browser.check(t, 'settings-accounts');

  // A viewer without grants is told so.
  const viewer = await openDashboardBrowser({ baseURL: hub.baseURL, phone: true });
  t.teardown(() => viewer.close());
  await viewer.page.request.post('/api/v1/auth/login', { data: { username: 'val', password: 'val-password-long' } });
  await viewer.page.goto('/');
  const nobody = viewer.page.getByText(/No one has been shared with you yet/);
  await nobody.waitFor();
  t.equal(await viewer.page.getByText('No one is set up yet').count(), 0, 'not "No one is set up yet"');
  await viewer.check(t, 'viewer-without-grants');

  // The owner shares Sam with Val; Val's household shows Sam.
  await val.getByRole('button', { name: 'Change whom they see' }).click();
  await val.getByRole('group', { name: 'Val may see' }).getByLabel('Sam').check();
  await val.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Val now sees Sam.').waitFor();
  await viewer.page.reload();
  await viewer.page.locator('article.tile[data-person="sam"]').waitFor();
  t.equal(await viewer.page.locator('article.tile').count(), 1, 'Val now sees Sam only');

  // Val changes her own password.
  await viewer.page.goto('/#/settings');
  const own = viewer.page.locator('section[aria-labelledby="password-heading"]');
  await own.getByLabel('Current password').fill('val-password-long');
  await own.getByLabel('New password', { exact: true }).fill('val-new-password-2');
  await own.getByLabel('New password again').fill('val-new-password-2');
  await own.getByRole('button', { name: 'Change password' }).click();
  await viewer.page.getByText(/^Password changed\./).waitFor();
  const again = await viewer.page.request.post('/api/v1/auth/login', { data: { username: 'val', password: 'val-new-password-2' } });
  t.equal(again.status(), 200, 'the new password signs Val in');
  await viewer.check(t, 'password-changed');
});

t.test('units and time format are choices, and every value and time on screen follows them', async (t) => {
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);
    await page.goto('/#/settings');
    const form = page.locator('form[aria-labelledby="settings-heading"]');
    await form.waitFor();
    for (const label of ['Weight', 'Temperature', 'Blood glucose', 'Time']) t.equal(await form.getByRole('combobox', { name: label, exact: true }).count(), 1, `${screen}: ${label} is a choice`);
    const metric = screen === 'desktop';
    await form.getByLabel('Weight').selectOption(metric ? 'imperial' : 'metric');
    await form.getByLabel('Temperature').selectOption(metric ? '°F' : '°C');
    await form.getByLabel('Blood glucose').selectOption(metric ? 'mmol/L' : 'mg/dL');
    await form.getByLabel('Time', { exact: true }).selectOption(metric ? '12h' : '24h');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. Values and times now show this way everywhere.').waitFor();
    await browser.check(t, 'settings-units');

    await page.goto('/#/people/alex');
    const weight = page.locator('.vital[data-metric="body_weight"]').first();
    await weight.waitFor();
    const temperature = page.locator('.vital[data-metric="body_temperature"]').first();
    t.match(await weight.textContent(), metric ? /lb/ : /kg/, `${screen}: weight in ${metric ? 'pounds' : 'kilograms'}`);
    t.match(await temperature.textContent(), metric ? /°F/ : /°C/, `${screen}: temperature in ${metric ? 'Fahrenheit' : 'Celsius'}`);
    const pounds = Number(/([\d.,]+)\s*lb/.exec((await weight.textContent()) ?? '')?.[1]?.replace(',', ''));
    if (metric) t.ok(pounds > 150 && pounds < 200, `${screen}: Alex’s 84 kg is ${pounds} lb`);
    const chart = page.locator('figure.chart[data-metric="body_weight"]');
    await chart.waitFor();
    const chartText = (await chart.textContent()) ?? '';
    t.match(chartText, metric ? /\(lb\)/ : /\(kg\)/, `${screen}: the weight chart is in the same unit`);
    // Times come with a chart's data: until it is in, there is none on screen to check.
    await page.locator('figure.chart[data-metric="body_weight"][data-points]:not([aria-busy])').waitFor();
    const clock = (await page.locator('main').textContent()) ?? '';
    if (metric) t.match(clock, /\d{1,2}:\d{2}\s?(AM|PM)/, `${screen}: times are 12-hour`);
    else t.notMatch(clock, /\d{1,2}:\d{2}\s?(AM|PM)/, `${screen}: times are 24-hour`);
    await browser.check(t, 'person-units');
  });
});
