import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { blockingAccessibilityFindings, describeFindings } from './accessibility.js';

/** Debian's chromium, installed by the project's test setup (Makefile TEST_DEBIAN_PACKAGES). */
export const CHROMIUM = process.env['HEARTH_CHROMIUM'] ?? '/usr/bin/chromium';

/** test-output/ui/ at the repository root (ignored by git), found from dist/test/ui/helpers/. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../../test-output/ui/', import.meta.url));

/** Chromium without its own traffic (no sync, updates, field trials or first-run pages) and without a GPU. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The two screens every page is tried on: a laptop and a phone. */
export type Screen = 'desktop' | 'phone';
export const SCREENS: readonly Screen[] = ['desktop', 'phone'];

export interface DashboardBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly screen: Screen;
  /** Saves a full-page screenshot as test-output/ui/<name>.png. */
  screenshot(name: string, page?: Page): Promise<string>;
  /**
   * Checks the page as it is now: a screenshot (test-output/ui/<name>-<screen>.png) and axe-core,
   * which must find nothing serious or critical.
   */
  check(t: Test, name: string, page?: Page): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserOptions {
  readonly baseURL: string;
  /** A phone (390×844) rather than a laptop screen. */
  readonly phone?: boolean;
  readonly colorScheme?: 'light' | 'dark';
  /** 'block' for a page whose every fetch reaches the network, with no service worker to answer. */
  readonly serviceWorkers?: 'allow' | 'block';
}

/** A real headless Chromium with a fresh profile; closing it removes the profile. */
export async function openDashboardBrowser(options: BrowserOptions): Promise<DashboardBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'hearth-chromium-'));
  const phone = options.phone === true;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: options.baseURL,
    viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 860 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    colorScheme: options.colorScheme ?? 'light',
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const screen: Screen = phone ? 'phone' : 'desktop';
  const screenshot = async (name: string, target = page): Promise<string> => {
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await target.screenshot({ path, fullPage: true });
    return path;
  };
  return {
    context,
    page,
    screen,
    screenshot,
    async check(t, name, target = page) {
      await screenshot(`${name}-${screen}`, target);
      const findings = await blockingAccessibilityFindings(target);
      t.same(findings.map((f) => f.rule), [], `${name} on a ${screen}: no serious or critical accessibility findings${findings.length > 0 ? `\n${describeFindings(findings)}` : ''}`);
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens one browser per screen in turn, each closed before the next opens (two Chromiums at once are heavy on a small box). */
export async function onEachScreen(baseURL: string, visit: (browser: DashboardBrowser) => Promise<void>): Promise<void> {
  for (const screen of SCREENS) {
    const browser = await openDashboardBrowser({ baseURL, phone: screen === 'phone' });
    try {
      await visit(browser);
    } finally {
      await browser.close();
    }
  }
}
