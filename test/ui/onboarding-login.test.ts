import t from 'tap';
import { openDashboardBrowser } from './helpers/browser.js';
import { OWNER, startDashboardHub } from './helpers/dashboard-hub.js';

t.test('first run creates the owner account and its setup can be skipped, then signing out and in again works', async (t) => {
  const hub = await startDashboardHub();
  t.teardown(() => hub.stop());
  const browser = await openDashboardBrowser({ baseURL: hub.baseURL, phone: true });
  t.teardown(() => browser.close());
  const { page } = browser;

  await page.goto('/');
  await page.getByRole('heading', { name: 'Welcome to Hearth' }).waitFor();
  await browser.screenshot('onboarding-phone');
  await page.getByLabel('Your name').fill(OWNER.displayName);
  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByLabel('Password again').fill('not-the-same-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  t.equal(await page.getByRole('alert').first().textContent(), 'The two passwords are not the same.', 'mismatched passwords are caught before sending');
  await page.getByLabel('Password again').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create account' }).click();

  // The first-run setup follows; everything in it may wait (first-run-wizard.test.ts walks it).
  await page.getByText('Step 1 of 5', { exact: true }).waitFor();
  for (const step of [2, 3, 4]) {
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByText(`Step ${step} of 5`, { exact: true }).waitFor();
  }
  await page.getByRole('button', { name: 'Keep it for now' }).click();
  await page.getByText('Step 5 of 5', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('heading', { name: 'Devices', level: 1, exact: true }).waitFor();
  await page.goto('/');

  await page.getByRole('heading', { name: 'Household', level: 1 }).waitFor();
  await page.locator('article.tile[data-person="alex"]').waitFor();
  t.equal(await page.locator('.user-name').textContent(), OWNER.displayName, 'the new owner is signed in');
  await page.locator('article.tile h2', { hasText: OWNER.displayName }).waitFor();
  t.pass('the owner has a tile of their own');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();

  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Password').fill('wrong-password-entirely');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('That username and password do not match.').waitFor();
  await browser.screenshot('login-wrong-password-phone');

  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Household', level: 1 }).waitFor();

  await page.reload();
  await page.getByRole('heading', { name: 'Household', level: 1 }).waitFor();
  t.pass('the session survives a reload');

  await page.goto('/#/devices');
  await page.reload();
  await page.getByRole('heading', { name: 'Devices', level: 1, exact: true }).waitFor();
  t.pass('a deep link is served by the hub and opens its page');
});
