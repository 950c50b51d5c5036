import t from 'tap';
import { onEachScreen, openDashboardBrowser } from './helpers/browser.js';
import { startDashboardHub, type DashboardHub } from './helpers/dashboard-hub.js';
import { inPage, onboardOwnerOverApi, signInOwner } from './helpers/sign-in.js';

let hub: DashboardHub;
t.before(async () => {
  hub = await startDashboardHub();
  await onboardOwnerOverApi(hub.baseURL);
});
t.teardown(() => hub.stop());

t.test('every section is in reach on a phone and a laptop, each tab a 44 px target', async (t) => {
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);
    await page.goto('/');
    await page.locator('article.tile[data-person="alex"]').waitFor();
    const viewport = page.viewportSize();
    if (viewport === null) throw new Error('no viewport');

    const sections = await inPage<{ label: string; href: string }[]>(
      page,
      `[...document.querySelectorAll('nav[aria-label="Main"] li:not(.more-tab) a')].map((link) => ({ label: link.textContent ?? '', href: link.getAttribute('href') ?? '' }))`,
    );
    t.ok(sections.length >= 5, `${screen}: the household, alerts, insights, devices and settings at least (${sections.map((s) => s.label).join(', ')})`);
    t.ok(
      sections.some((s) => s.href === '#/settings'),
      `${screen}: Settings is one of them`,
    );
    if (screen === 'phone') await browser.check(t, 'navigation-bottom-tabs');

    for (const section of sections) {
      await page.goto('/');
      await page.locator('article.tile[data-person="alex"]').waitFor();
      let link = page.locator(`nav[aria-label="Main"] a[href="${section.href}"]`);
      if (!(await link.isVisible())) {
        const more = page.getByRole('button', { name: 'More' });
        t.ok(await more.isVisible(), `${screen}: ${section.label} is behind More`);
        await more.click();
        link = page.locator(`nav[aria-label="Main"] a[href="${section.href}"]`);
      }
      const box = (await link.boundingBox());
      t.ok(box !== null, `${screen}: ${section.label} is drawn`);
      if (box === null) continue;
      t.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5, `${screen}: ${section.label} is on screen without scrolling (${JSON.stringify(box)})`);
      t.ok(box.height >= 44 && box.width >= 44, `${screen}: ${section.label} is at least 44 × 44 px (${Math.round(box.width)} × ${Math.round(box.height)})`);
      await link.click();
      await page.waitForFunction((target) => (globalThis as unknown as { location: { hash: string } }).location.hash === target, section.href);
      // The shell draws the new section on the address's change, a moment after it.
      const current = page.locator(`nav[aria-label="Main"] a[aria-current="page"][href="${section.href}"]`);
      await current.waitFor({ timeout: 10_000 }).catch(() => undefined);
      t.equal(await page.locator(`nav[aria-label="Main"] a[aria-current="page"]`).getAttribute('href'), section.href, `${screen}: ${section.label} opens and is marked current`);
      await page.locator('main h1').first().waitFor();
    }

    if (screen === 'phone') {
      // The bar stays put while a long page scrolls under it, and hides nothing at the bottom.
      await page.goto('/#/settings');
      await page.locator('main h1').first().waitFor();
      await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
      const bar = (await page.locator('nav[aria-label="Main"]').boundingBox());
      t.ok(bar !== null && Math.abs(bar.y + bar.height - viewport.height) < 1, `${screen}: the tab bar sits on the bottom edge`);
      const lastInMain = (await page.locator('main > *').last().boundingBox());
      t.ok(bar !== null && lastInMain !== null && lastInMain.y + lastInMain.height <= bar.y + 0.5, `${screen}: the end of the page scrolls clear of the bar`);
    }
  });
});

t.test('pages other than the overview are fetched when first opened, and say so if they cannot be', async (t) => {
  // No service worker: it would answer every chunk from its cache, which is what it is for.
  const browser = await openDashboardBrowser({ baseURL: hub.baseURL, serviceWorkers: 'block' });
  t.teardown(() => browser.close());
  const { page } = browser;
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await signInOwner(page);
  await page.goto('/');
  await page.locator('article.tile[data-person="alex"]').waitFor();
  const atOverview = scripts.length;
  t.ok(atOverview > 0, 'the overview loads its scripts');

  await page.goto('/#/settings');
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  t.ok(scripts.length > atOverview, `opening Settings fetched its own code (${scripts.slice(atOverview).join(', ')})`);

  // The hub went away (or has a newer dashboard) before Devices was ever opened.
  await page.route(/\/chunk-[A-Z0-9]{8}\.js$/, (route) => route.abort('connectionrefused'));
  await page.goto('/#/devices');
  await page.getByRole('heading', { name: 'This page did not load', level: 1 }).waitFor();
  t.ok(await page.getByRole('button', { name: 'Reload the dashboard' }).isVisible(), 'with a way to try again');
  await browser.check(t, 'page-did-not-load');
  await page.unroute(/\/chunk-[A-Z0-9]{8}\.js$/);
  await page.getByRole('button', { name: 'Reload the dashboard' }).click();
  await page.getByRole('heading', { name: 'Devices', level: 1, exact: true }).waitFor();
  t.pass('after the reload the page opens');
});
