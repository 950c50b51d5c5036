import t from 'tap';
import { waitFor } from '../helpers/hub-process.js';
import { openDashboardBrowser } from './helpers/browser.js';
import { startDashboardHub } from './helpers/dashboard-hub.js';
import { inPage, onboardOwner } from './helpers/sign-in.js';

/**
 * The dashboard works under its Content-Security-Policy: its script, styles, icon, API calls,
 * live socket and charts load with no violation in a real Chromium, and another page cannot
 * frame it.
 */

t.test('the dashboard works under its CSP, with no violation, and no page can frame it', async (t) => {
  const hub = await startDashboardHub();
  t.teardown(() => hub.stop());
  const browser = await openDashboardBrowser({ baseURL: hub.baseURL });
  t.teardown(() => browser.close());
  const { page, context } = browser;
  // Violations are reported in the page as events and on the console; both are kept.
  await context.addInitScript({
    content: "window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));",
  });
  const consoleViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) consoleViolations.push(message.text());
  });
  await onboardOwner(page);

  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  t.match(csp, /frame-ancestors 'none'/, 'the page is served with its policy');
  t.match(csp, /script-src 'self'(;|$)/);
  t.equal(response?.headers()['x-frame-options'], 'DENY');
  t.equal(response?.headers()['cross-origin-opener-policy'], 'same-origin');

  // Script and stylesheet ran; the live socket delivers under connect-src.
  const heartRate = page.locator('article.tile[data-person="alex"] .vital[data-metric="heart_rate"]');
  await heartRate.waitFor();
  const firstTs = Number(await heartRate.getAttribute('data-value-ts'));
  await waitFor('a live heart-rate reading on the tile', async () => (Number(await heartRate.getAttribute('data-value-ts')) > firstTs ? true : undefined));
  t.equal(await page.locator('.connection').textContent(), 'Live', 'the live socket is connected');
  t.equal(await inPage(page, "getComputedStyle(document.querySelector('.tiles')).display"), 'grid', 'the stylesheet applies');

  // A chart draws (uPlot sets its sizes through the style object, which the policy allows).
  await page.goto('/#/people/alex?range=24h');
  const chart = page.locator('figure.chart[data-metric="heart_rate"]');
  await chart.locator('canvas').first().waitFor();
  t.ok(Number(await inPage(page, "document.querySelector('figure.chart[data-metric=\"heart_rate\"] canvas').width")) > 0, 'the chart has a drawn canvas');

  t.same(await inPage(page, 'window.__violations'), [], 'no policy violation in the page');
  t.same(consoleViolations, [], 'and none on the console');

  // Another page framing the dashboard gets nothing of it.
  const framer = await context.newPage();
  await framer.setContent(`<iframe id="hearth" src="${hub.baseURL}/"></iframe>`);
  await framer.waitForLoadState('load');
  const framed = framer.frames().find((f) => f !== framer.mainFrame());
  t.ok(framed, 'the frame exists');
  t.equal(await framed?.locator('#app').count(), 0, 'but the dashboard does not load in it');
});
