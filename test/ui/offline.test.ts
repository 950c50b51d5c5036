import t from 'tap';
import { waitFor } from '../helpers/hub-process.js';
import { onEachScreen } from './helpers/browser.js';
import { startDashboardHub } from './helpers/dashboard-hub.js';
import { inPage, onboardOwner, signInOwner } from './helpers/sign-in.js';

/**
 * The dashboard installs and works offline: its service worker registers and keeps the app shell
 * (and nothing of the API), its manifest is one Chromium can install from, and with the network
 * gone a reload still opens the dashboard with the household's last values, their age and a
 * banner saying the hub is unreachable. Signing out removes those values from the browser.
 */

interface StoredOverview {
  readonly savedAt: number;
  readonly people: readonly { readonly id: string; readonly latest: Readonly<Record<string, { readonly ts: number; readonly value: number }>> }[];
}

const STORED_OVERVIEWS = "Object.keys(localStorage).filter((key) => key.startsWith('hearth:last-overview:'))";
const CACHED_URLS = 'caches.keys().then((names) => Promise.all(names.map((name) => caches.open(name).then((cache) => cache.keys())))).then((lists) => lists.flat().map((request) => new URL(request.url).pathname))';

t.test('installable, and offline the last values show with their age until sign-out', async (t) => {
  const hub = await startDashboardHub();
  t.teardown(() => hub.stop());
  let first = true;
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, context, screen } = browser;
    if (first) await onboardOwner(page);
    else await signInOwner(page);
    first = false;

    await page.goto('/');
    const heartRate = page.locator('article.tile[data-person="alex"] .vital[data-metric="heart_rate"]');
    await heartRate.waitFor();
    // The service worker installs, keeps the shell and takes the page over.
    await waitFor('the service worker to control the page', async () => ((await inPage<boolean>(page, 'navigator.serviceWorker.controller !== null')) ? true : undefined));
    t.equal(await inPage(page, 'navigator.serviceWorker.controller.scriptURL'), `${hub.baseURL}/service-worker.js`, `${screen}: the dashboard's service worker controls the page`);
    const cached = await inPage<string[]>(page, CACHED_URLS);
    const assets = await inPage<string[]>(page, "[...document.querySelectorAll('script[src], link[rel=stylesheet], link[rel=manifest]')].map((e) => new URL(e.src || e.href).pathname)");
    for (const asset of ['/index.html', ...assets]) t.ok(cached.includes(asset), `${screen}: ${asset} is kept for offline use`);
    t.same(cached.filter((path) => path.startsWith('/api/')), [], `${screen}: no API answer is in Cache Storage`);

    // What Chromium itself says of the manifest and of installing the dashboard.
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
    t.equal(manifest.url, `${hub.baseURL}/manifest.webmanifest`, `${screen}: the page names its manifest`);
    t.same(manifest.errors, [], `${screen}: Chromium finds no error in the manifest`);
    const fields = JSON.parse(manifest.data ?? '{}') as { name?: string; start_url?: string; display?: string; icons?: { sizes: string; purpose: string }[] };
    t.equal(fields.name, 'Hearth');
    t.equal(fields.start_url, '/');
    t.equal(fields.display, 'standalone');
    t.same(fields.icons?.map((icon) => `${icon.sizes} ${icon.purpose}`), ['192x192 any', '512x512 any', '512x512 maskable'], `${screen}: with its icons`);
    // Chromium's own verdict: manifest, icons, service worker and a secure origin together.
    const installability = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    t.same(installability.installabilityErrors.map((e) => e.errorId), [], `${screen}: Chromium can install the dashboard`);
    await cdp.detach();

    // The household's answer is kept in the page's own storage, for this account.
    // The tile shows Alex's heart rate, so the kept copy has it too: a new value at once, and the
    // rest of the live values within the ten seconds between saves (with a margin for a busy box).
    const keptHeartRate = async (): Promise<number | undefined> => {
      const keys = await inPage<string[]>(page, STORED_OVERVIEWS);
      if (keys.length !== 1) return undefined;
      const stored = JSON.parse(await inPage<string>(page, `localStorage.getItem(${JSON.stringify(keys[0])})`)) as StoredOverview;
      return stored.people.find((p) => p.id === 'alex')?.latest['heart_rate']?.ts;
    };
    const keptTs = await waitFor('Alex’s heart rate among the values kept in the browser', keptHeartRate, 20_000).catch(() => undefined);
    t.ok(keptTs !== undefined, `${screen}: Alex's heart rate is among the kept values`);
    t.equal((await inPage<string[]>(page, STORED_OVERVIEWS)).length, 1, `${screen}: one household kept, this account's`);

    // The network goes away; a reload opens the dashboard from the service worker.
    await context.setOffline(true);
    await page.reload();
    const banner = page.locator('.offline-banner');
    await banner.waitFor();
    const bannerText = (await banner.textContent()) ?? '';
    t.match(bannerText, /Hub unreachable — values from \d{1,2}:\d{2}( [AP]M)? \((just now|\d+ s ago|\d+ min ago)\)/, `${screen}: the banner says the values are old, and from when: ${bannerText}`);
    await heartRate.waitFor();
    // Kept again perhaps, between the look above and the network going: the tile shows the last kept.
    const lastKeptTs = await keptHeartRate();
    t.ok(keptTs !== undefined && lastKeptTs !== undefined && lastKeptTs >= keptTs, `${screen}: the kept heart rate is still there`);
    t.equal(Number(await heartRate.getAttribute('data-value-ts')), lastKeptTs, `${screen}: the tile shows the kept heart rate`);
    t.match(await heartRate.locator('.age').textContent(), /ago|just now/, `${screen}: with its age`);
    t.equal(await page.getByRole('heading', { name: 'Household' }).count(), 1);
    await browser.check(t, 'offline-household');

    // Back online and signed out (on the laptop by the button, on the phone by a session that
    // ended while no page was open): the kept values leave the browser, so offline shows none.
    await context.setOffline(false);
    await page.reload();
    await heartRate.waitFor();
    if (screen === 'desktop') {
      await page.getByRole('button', { name: 'Sign out' }).click();
    } else {
      await page.goto('about:blank');
      await context.clearCookies();
      await page.goto('/');
    }
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    t.same(await inPage(page, STORED_OVERVIEWS), [], `${screen}: after signing out no values are kept`);
    t.equal(await inPage(page, "localStorage.getItem('hearth:last-user')"), null, `${screen}: nor whose they were`);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'The hub is not answering' }).waitFor();
    t.equal(await page.locator('article.tile').count(), 0, `${screen}: offline after sign-out, no one's values show`);
    t.equal(await banner.count(), 0);
    await context.setOffline(false);
  });
});
