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
    const recent = adding.getByRole('list', { name: 'Recent' }).getByRole('button', { name: /^Bananas, raw/ });
    await recent.waitFor();
    t.match((await recent.textContent()) ?? '', /1 medium/, `${screen}: the banana is among the recent foods, with its portion`);
    await recent.click();
    t.equal(await page.getByRole('form', { name: 'Add Bananas, raw' }).getByLabel('Portion').inputValue(), '4', `${screen}: chosen again, its last portion comes first`);
    await page.getByRole('button', { name: 'Choose another food' }).click();

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

t.test('NutriVerse: a medicine written down shows its reminder at its time, on the tile and the page, and “Taken” is recorded', async (t) => {
  const hub = await startDashboardHub({ config: { simulation: { enabled: false } } });
  t.teardown(() => hub.stop());
  await onboardOwnerOverApi(hub.baseURL);
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    const medicine = screen === 'desktop' ? 'Metformin' : 'Ramipril';
    await signInOwner(page);
    await page.goto('/#/food');
    await page.getByRole('link', { name: 'Robin’s food and drink' }).click();
    const card = page.getByRole('region', { name: 'Medicines' });
    await card.waitFor();

    // Due this very minute, in the household's zone (the box's, as the browser's is here). A dose
    // counts from the minute its medicine is written down: near the minute's end, wait for the
    // next one, or the medicine would be written down a minute after its only dose.
    if (new Date().getSeconds() >= 40) await new Promise((resolve) => setTimeout(resolve, (61 - new Date().getSeconds()) * 1000));
    const now = new Date();
    const time = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
    await card.getByText('Add a medicine').click();
    const form = page.getByRole('form', { name: 'Add a medicine' });
    await form.getByLabel('Name', { exact: true }).fill(medicine);
    await form.getByLabel('Dose', { exact: true }).fill('500 mg');
    await form.getByLabel('Times of day').fill('7.5');
    await form.getByRole('button', { name: 'Add' }).click();
    await card.getByText('“7.5” is not a time of day').waitFor();
    await form.getByLabel('Times of day').fill(time);
    await form.getByLabel(/^Important/).check();
    await form.getByRole('button', { name: 'Add' }).click();
    await card.getByText(`${medicine} added.`).waitFor();
    const dose = card.locator('.dose', { hasText: medicine });
    await dose.waitFor();
    t.equal(await dose.getAttribute('data-state'), 'due', `${screen}: due at its time`);
    t.match((await dose.textContent()) ?? '', new RegExp(`^${time}${medicine} 500 mg · importantdue now`), `${screen}: when, what, and that it is due now`);

    await page.goto('/');
    const badge = page.locator('article.tile .medicine-badge');
    await badge.waitFor({ timeout: 15_000 });
    t.match((await badge.textContent()) ?? '', new RegExp(`Medicine due, ${time}$`), `${screen}: the reminder on the tile, saying when and not what`);
    t.notMatch((await badge.textContent()) ?? '', new RegExp(medicine), `${screen}: the medicine’s name stays off the tile`);
    await browser.check(t, 'medicine-reminder-tile');
    await badge.click();
    await card.waitFor();
    await card.getByRole('button', { name: `Taken: ${medicine} 500 mg at ${time}` }).click();
    await card.getByText(`${medicine} 500 mg taken.`).waitFor();
    // Said once the card shows it, so the row is read at once, not waited for.
    t.equal(await card.locator('.dose', { hasText: medicine }).getAttribute('data-state'), 'taken', `${screen}: recorded taken, and shown so as it is said`);
    t.match((await card.locator('.adherence').textContent()) ?? '', /^This week: \d of \d doses? taken/, `${screen}: the week’s adherence`);
    await browser.check(t, 'medicines');
    await page.goto('/');
    await page.locator('article.tile').first().waitFor();
    t.equal(await page.locator(`article.tile .medicine-badge`).count(), 0, `${screen}: taken, the tile has no reminder left`);
  });
});
