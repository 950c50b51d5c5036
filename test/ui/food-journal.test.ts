import t from 'tap';
import type { Page } from 'playwright-core';
import { onEachScreen } from './helpers/browser.js';
import { startDashboardHub } from './helpers/dashboard-hub.js';
import { openFromMainNav } from './helpers/main-nav.js';
import { onboardOwnerOverApi, signInOwner } from './helpers/sign-in.js';

/** The figure a day's total shows first ("1,250 kcal of about 2,000" is 1250). */
async function total(page: Page, key: string): Promise<number> {
  const text = (await page.locator(`[data-total="${key}"] .intake-figure`).textContent()) ?? '';
  return Number(text.split(' ')[0]?.replace(/,/g, ''));
}

async function totalBecomes(page: Page, key: string, expected: number): Promise<number> {
  await page.waitForFunction(
    ([k, e]) => {
      const text = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector(`[data-total="${k}"] .intake-figure`)?.textContent ?? '';
      return Number(text.split(' ')[0]?.replace(/,/g, '')) === e;
    },
    [key, expected] as const,
    { timeout: 10_000 },
  ).catch(() => undefined);
  return total(page, key);
}

t.test('NutriVerse: a food found by typing three letters is written down and the day’s totals follow; a glass of water with one press', async (t) => {
  const hub = await startDashboardHub({ config: { simulation: { enabled: false } } });
  t.teardown(() => hub.stop());
  await onboardOwnerOverApi(hub.baseURL);
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);
    await page.goto('/');
    await openFromMainNav(page, '#/food');
    await page.getByRole('heading', { name: 'Food', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Robin’s food and drink' }).click();
    await page.getByRole('heading', { name: 'Robin: food and drink', level: 1 }).waitFor();
    await page.locator('[data-total="kcal"]').waitFor();
    const kcal = await total(page, 'kcal');
    const drunk = await total(page, 'drunk_ml');

    const adding = page.getByRole('region', { name: 'Add a food or drink' });
    await adding.getByLabel('Find a food').fill('ban');
    const first = adding.getByRole('list', { name: 'Foods found' }).getByRole('button').first();
    await first.waitFor();
    t.match((await first.textContent()) ?? '', /^Bananas, raw/, `${screen}: three letters find the banana`);
    await first.click();
    const form = page.getByRole('form', { name: 'Add Bananas, raw' });
    await form.getByLabel('Portion').selectOption({ label: '1 medium (7" to 7-7/8" long) (118 g)' });
    await form.getByLabel('Meal').selectOption('snack');
    await form.getByRole('button', { name: 'Add to today' }).click();
    await page.getByText('Bananas, raw added.').waitFor();
    const banana = page.locator('[data-meal="snack"] .journal-entry', { hasText: 'Bananas, raw' }).last();
    await banana.waitFor();
    t.match((await banana.textContent()) ?? '', /1 medium \(7" to 7-7\/8" long\) · \d{1,2}:\d{2}.* · 105 kcal/, `${screen}: the entry, its portion, time and energy`);
    t.equal(await totalBecomes(page, 'kcal', kcal + 105), kcal + 105, `${screen}: the day’s energy goes up by the banana’s 105 kcal`);
    t.equal(await page.getByRole('form', { name: 'Add Bananas, raw' }).count(), 0, `${screen}: the form closes once added`);

    await page.getByRole('button', { name: '+ Glass of water (250 mL)' }).click();
    t.equal(await totalBecomes(page, 'drunk_ml', drunk + 250), drunk + 250, `${screen}: a glass of water, 250 mL more drunk`);
    t.equal(await total(page, 'kcal'), kcal + 105, `${screen}: and no energy`);
    await browser.check(t, 'food-journal');

    await banana.getByRole('button', { name: /^Remove Bananas, raw at / }).click();
    t.equal(await totalBecomes(page, 'kcal', kcal), kcal, `${screen}: removed, the energy is back where it was`);
    await page.getByRole('button', { name: '← Day before' }).click();
    await page.getByText('Nothing written down for this day.').waitFor();
    t.equal(await page.getByRole('region', { name: 'Add a food or drink' }).count(), 0, `${screen}: an earlier day is looked at, not added to`);
    t.equal(await total(page, 'kcal'), 0);
  });
});
