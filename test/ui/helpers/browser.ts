import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium, installed by the project's test setup (Makefile TEST_DEBIAN_PACKAGES). */
export const CHROMIUM = process.env['HEARTH_CHROMIUM'] ?? '/usr/bin/chromium';

/** test-output/ui/ at the repository root, found from dist/test/ui/helpers/. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../../test-output/ui/', import.meta.url));

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface DashboardBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Saves a full-page screenshot as test-output/ui/<name>.png. */
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

export interface BrowserOptions {
  readonly baseURL: string;
  /** A phone (390×844) rather than a laptop screen. */
  readonly phone?: boolean;
  readonly colorScheme?: 'light' | 'dark';
}

/** A real headless Chromium with a fresh profile; closing it removes the profile. */
export async function openDashboardBrowser(options: BrowserOptions): Promise<DashboardBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'hearth-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    baseURL: options.baseURL,
    viewport: options.phone === true ? { width: 390, height: 844 } : { width: 1280, height: 860 },
    deviceScaleFactor: options.phone === true ? 2 : 1,
    isMobile: options.phone === true,
    hasTouch: options.phone === true,
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    page,
    async screenshot(name, target = page) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await target.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
