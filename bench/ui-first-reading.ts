/**
 * The dashboard on a real headless Chromium against a real hub: time from navigation to the first
 * live reading drawn on a tile (performance mark 'hearth:first-live-reading'), over repeated page
 * loads, and the gzipped size of the JavaScript and CSS the page ships: what the first screen
 * loads (the entry script and the chunks index.html preloads) and all pages together. Targets:
 * under 1 s, and under 150 kB of gzipped JavaScript. Needs `node ui/build.mjs` and /usr/bin/chromium.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openDashboardBrowser } from '../test/ui/helpers/browser.js';
import { startDashboardHub } from '../test/ui/helpers/dashboard-hub.js';
import { onboardOwner } from '../test/ui/helpers/sign-in.js';
import { isMain, printTable } from './lib/bench-env.js';

const LOADS = 15;
const UI_DIST = fileURLToPath(new URL('../../ui/dist/', import.meta.url));

export interface FirstReadingFigures {
  loads: number;
  firstReadingMedianMs: number;
  firstReadingP90Ms: number;
  firstReadingMaxMs: number;
  firstTileMedianMs: number;
  liveOpenMedianMs: number;
  jsGzipBytes: number;
  firstScreenJsGzipBytes: number;
  cssGzipBytes: number;
}

interface PageTiming {
  readonly firstReading: number;
  readonly firstTile: number;
  readonly liveOpen: number;
}

/** The scripts index.html names: the entry and what it imports outright. */
function firstScreenScripts(): string[] {
  const page = readFileSync(join(UI_DIST, 'index.html'), 'utf8');
  return [...page.matchAll(/\/((?:app|chunk)-[A-Z0-9]{8}\.js)/g)].map((match) => match[1] ?? '');
}

function shippedBytes(extension: string, only?: readonly string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(UI_DIST).filter((name) => name.endsWith(extension) && name !== 'service-worker.js' && (only === undefined || only.includes(name)))) {
    const content = readFileSync(join(UI_DIST, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { raw, gzip };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

export async function run(): Promise<FirstReadingFigures> {
  const js = shippedBytes('.js');
  const firstScreenJs = shippedBytes('.js', firstScreenScripts());
  const css = shippedBytes('.css');
  const hub = await startDashboardHub();
  const browser = await openDashboardBrowser({ baseURL: hub.baseURL });
  const timings: PageTiming[] = [];
  try {
    await onboardOwner(browser.page);
    for (let i = 0; i < LOADS; i++) {
      await browser.page.goto('/', { waitUntil: 'commit' });
      // A function, not a string: the dashboard's Content-Security-Policy refuses eval of a string.
      await browser.page.waitForFunction(() => performance.getEntriesByName('hearth:first-live-reading').length > 0, undefined, { timeout: 15_000 });
      timings.push(
        await browser.page.evaluate<PageTiming>(`({
          firstReading: performance.getEntriesByName('hearth:first-live-reading')[0].startTime,
          firstTile: performance.getEntriesByName('hearth:first-tile')[0]?.startTime ?? NaN,
          liveOpen: performance.getEntriesByName('hearth:live-open')[0]?.startTime ?? NaN,
        })`),
      );
    }
  } finally {
    await browser.close();
    await hub.stop();
  }
  const reading = timings.map((t) => t.firstReading);
  const tile = timings.map((t) => t.firstTile);
  const figures: FirstReadingFigures = {
    loads: timings.length,
    firstReadingMedianMs: percentile(reading, 0.5),
    firstReadingP90Ms: percentile(reading, 0.9),
    firstReadingMaxMs: Math.max(...reading),
    firstTileMedianMs: percentile(tile, 0.5),
    liveOpenMedianMs: percentile(timings.map((t) => t.liveOpen), 0.5),
    jsGzipBytes: js.gzip,
    firstScreenJsGzipBytes: firstScreenJs.gzip,
    cssGzipBytes: css.gzip,
  };
  printTable('Dashboard: page load to first live reading (headless Chromium, real hub, simulated household)', [
    ['page loads', String(figures.loads)],
    ['first tiles drawn, median', `${figures.firstTileMedianMs.toFixed(0)} ms`],
    ['live socket open, median', `${figures.liveOpenMedianMs.toFixed(0)} ms`],
    ['first live reading on screen, median', `${figures.firstReadingMedianMs.toFixed(0)} ms (target < 1000 ms)`],
    ['first live reading, p90 / max', `${figures.firstReadingP90Ms.toFixed(0)} / ${figures.firstReadingMaxMs.toFixed(0)} ms`],
    ['JavaScript for the first screen', `${(firstScreenJs.raw / 1024).toFixed(1)} kB, ${(firstScreenJs.gzip / 1024).toFixed(1)} kB gzipped (target < 150 kB)`],
    ['JavaScript of every page', `${(js.raw / 1024).toFixed(1)} kB, ${(js.gzip / 1024).toFixed(1)} kB gzipped`],
    ['CSS shipped', `${(css.raw / 1024).toFixed(1)} kB, ${(css.gzip / 1024).toFixed(1)} kB gzipped`],
  ]);
  return figures;
}

if (isMain(import.meta.url)) await run();
