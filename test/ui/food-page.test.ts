import t from 'tap';
import { onEachScreen } from './helpers/browser.js';
import { startDashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwnerOverApi, signInOwner } from './helpers/sign-in.js';
import { openFromMainNav } from './helpers/main-nav.js';

t.test('NutriVerse: a food is found by typing three letters, and its values read per 100 g and per portion', async (t) => {
  const hub = await startDashboardHub({ config: { simulation: { enabled: false } } });
  t.teardown(() => hub.stop());
  await onboardOwnerOverApi(hub.baseURL);
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);
    await page.goto('/');
    await openFromMainNav(page, '#/food');
    await page.getByRole('heading', { name: 'Food', level: 1 }).waitFor();

    await page.getByLabel('Find a food').fill('ban');
    const first = page.getByRole('list', { name: 'Foods found' }).getByRole('button').first();
    await first.waitFor();
    t.match((await first.textContent()) ?? '', /^Bananas, raw 89 kcal per 100 g$/, `${screen}: three letters find the plain banana first`);
    t.match((await page.locator('.food-page .status').textContent()) ?? '', /^The first 20 foods for “ban”\.$/, `${screen}: how many, in words`);
    await first.click();
    const values = page.locator('.food-values[data-food="09040"]');
    await values.waitFor();
    t.match((await values.locator('tr[data-nutrient="kcal"]').textContent()) ?? '', /Energy89 kcal200 kcal/, `${screen}: 89 kcal per 100 g, 200 kcal in a mashed cup (225 g)`);
    await page.getByLabel('Portion').selectOption({ label: '1 medium (7" to 7-7/8" long) (118 g)' });
    t.match((await values.locator('tr[data-nutrient="kcal"]').textContent()) ?? '', /Energy89 kcal105 kcal/, `${screen}: a medium banana, 105 kcal`);
    t.match((await values.locator('tr[data-nutrient="sugars_g"]').textContent()) ?? '', /12\.2 g14\.4 g/, `${screen}: its sugars`);

    await page.getByLabel('Find a food').fill('zzqx');
    await page.getByText('No food matches “zzqx”.').waitFor();
    await browser.check(t, 'food-search');
  });
});
