import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse, { desktopConfig, type Flags, type Result } from 'lighthouse';
import t from 'tap';
import { chromium } from 'playwright-core';
import { freePort, waitFor } from '../helpers/hub-process.js';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOT_DIR } from './helpers/browser.js';
import { startDashboardHub, type DashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwnerOverApi, type OwnerSession } from './helpers/sign-in.js';

/** The lowest accessibility score the household overview may have, on a phone and on a laptop. */
const ACCESSIBILITY_AT_LEAST = 0.98;

// A hub, a Chromium and two Lighthouse runs; on a busy two-core box that takes minutes.
t.setTimeout(600_000);

interface Person {
  readonly id: string;
  readonly latest: Readonly<Record<string, unknown>>;
}

/** The simulated household, whose tiles fill the overview. */
const SIMULATED = ['alex', 'sam'];

/** Until the simulated household's heart rates are in, the overview would be audited half drawn. */
async function householdStreaming(baseURL: string, owner: OwnerSession): Promise<void> {
  await waitFor('a heart rate for each simulated person', async () => {
    const response = await fetch(`${baseURL}/api/v1/people`, { headers: { cookie: owner.cookie } });
    const people = (await response.json()) as Person[];
    return SIMULATED.every((id) => people.find((p) => p.id === id)?.latest['heart_rate'] !== undefined) ? true : undefined;
  });
}

/** The audits of a category that did not pass, each with the elements at fault, for the assertion's message. */
function failingAudits(result: Result, category: string): string[] {
  const refs = result.categories[category]?.auditRefs ?? [];
  return refs
    .filter((ref) => ref.weight > 0)
    .map((ref) => result.audits[ref.id])
    .filter((audit) => audit !== undefined && audit.score !== null && audit.score < 1)
    .map((audit) => {
      const items = (audit?.details as { items?: { node?: { selector?: string; snippet?: string }; sourceLocation?: { url?: string } }[] } | undefined)?.items ?? [];
      const nodes = items.map((item) => item.node?.selector ?? item.node?.snippet ?? item.sourceLocation?.url).filter((n) => n !== undefined);
      return `${audit?.id ?? '?'} (${audit?.score ?? '?'}): ${audit?.title ?? ''}${nodes.length > 0 ? ` — ${nodes.slice(0, 5).join(', ')}` : ''}`;
    });
}

/** The errors the page logged in the browser's console, with where they came from. */
function consoleErrors(result: Result): string[] {
  const items = (result.audits['errors-in-console']?.details as { items?: { description?: string; sourceLocation?: { url?: string } }[] } | undefined)?.items ?? [];
  return items.map((item) => `${item.description ?? ''} (${item.sourceLocation?.url ?? 'the page'})`);
}

let hub: DashboardHub;
let owner: OwnerSession;
t.before(async () => {
  hub = await startDashboardHub();
  t.teardown(() => hub.stop());
  owner = await onboardOwnerOverApi(hub.baseURL);
  await householdStreaming(hub.baseURL, owner);
});

/** Lighthouse's phone (its default) and its desktop, and the phone again with the dark theme chosen. */
const RUNS = [
  { screen: 'phone', theme: 'light' },
  { screen: 'desktop', theme: 'light' },
  { screen: 'phone', theme: 'dark' },
] as const;

for (const { screen, theme } of RUNS) {
  const name = `overview-${screen}${theme === 'dark' ? '-dark' : ''}`;
  t.test(`Lighthouse scores the household overview on a ${screen} (${theme}) at least ${ACCESSIBILITY_AT_LEAST * 100} for accessibility`, async (t) => {
    // Debian's Chromium through Playwright, as the other browser tests have it, with a debugging
    // port Lighthouse connects to; its profile holds the owner's session cookie, as after signing in.
    const profile = mkdtempSync(join(tmpdir(), 'hearth-lighthouse-'));
    const port = await freePort();
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'],
      headless: true,
    });
    t.teardown(async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    });
    // As the hub sets it: a cookie without an expiry would end with the browser's session, which
    // closing its last page can end.
    const [cookieName, ...value] = owner.cookie.split('=');
    const expires = Math.floor(Date.now() / 1000) + 12 * 3600;
    await context.addCookies([{ name: cookieName ?? '', value: value.join('='), url: hub.baseURL, httpOnly: true, sameSite: 'Strict', expires }]);
    // The cookie signs this browser in: its overview shows the household, not the sign-in page.
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${hub.baseURL}/#/`);
    await page.locator('article.tile[data-person="alex"] .vital[data-metric="heart_rate"]').waitFor();
    // The theme button's choice, kept in the page's storage, which Lighthouse leaves as it is.
    if (theme === 'dark') await page.evaluate("localStorage.setItem('hearth.theme', 'dark')");
    await page.close();
    t.ok((await context.cookies(hub.baseURL)).some((c) => c.name === cookieName), 'the browser keeps the session cookie for the audit');

    const flags: Flags = {
      port,
      hostname: '127.0.0.1',
      output: ['json', 'html'],
      onlyCategories: ['accessibility', 'best-practices'],
      logLevel: 'error',
    };
    // No telemetry: Lighthouse reports errors to Sentry only from its command line, and only with
    // --enable-error-reporting (cli/bin.js is the one caller of its Sentry.init); this module API never does.
    const run = await lighthouse(`${hub.baseURL}/#/`, flags, screen === 'desktop' ? desktopConfig : undefined);
    if (run === undefined) throw new Error('Lighthouse returned no result');
    const { lhr } = run;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const [json, html] = Array.isArray(run.report) ? run.report : [run.report, ''];
    writeFileSync(join(SCREENSHOT_DIR, `lighthouse-${name}.report.json`), json ?? '');
    writeFileSync(join(SCREENSHOT_DIR, `lighthouse-${name}.report.html`), html ?? '');

    t.equal(lhr.runtimeError, undefined, 'Lighthouse loaded the page');
    t.equal(new URL(lhr.finalDisplayedUrl).hash, '#/', 'the overview was audited');
    const refused = consoleErrors(lhr).filter((e) => /status of 401/.test(e));
    t.same(refused, [], 'signed in: the page asked the API nothing it was refused');
    const accessibility = lhr.categories['accessibility']?.score ?? 0;
    const bestPractices = lhr.categories['best-practices']?.score ?? 0;
    t.comment(`${screen} (${theme}): accessibility ${Math.round(accessibility * 100)}, best practices ${Math.round(bestPractices * 100)}`);
    const failing = failingAudits(lhr, 'accessibility');
    t.ok(accessibility >= ACCESSIBILITY_AT_LEAST, `accessibility ${Math.round(accessibility * 100)} ≥ ${ACCESSIBILITY_AT_LEAST * 100}${failing.length > 0 ? `\n${failing.join('\n')}` : ''}`);
    const advice = failingAudits(lhr, 'best-practices');
    if (advice.length > 0) t.comment(`best practices not met:\n${advice.join('\n')}`);
  });
}
