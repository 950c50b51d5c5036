/**
 * NutriVerse's journal page on a real headless Chromium against a real hub: time from navigation
 * to a full day drawn (24 entries over five meals, three medicines with their doses, the day's
 * totals), against the same page of a person with nothing written down, in the same run. Needs
 * `node ui/build.mjs` and /usr/bin/chromium.
 *
 *   node dist/bench/journal-page.js
 */
import { randomUUID } from 'node:crypto';
import { openDashboardBrowser } from '../test/ui/helpers/browser.js';
import { OWNER, startDashboardHub } from '../test/ui/helpers/dashboard-hub.js';
import { onboardOwner } from '../test/ui/helpers/sign-in.js';
import { isMain, printTable } from './lib/bench-env.js';

const LOADS = 12;
const ENTRIES = 24;
const FOODS = ['09040', '14209', '14411', '09326', '11591', '01123'] as const;
const MEALS = ['breakfast', 'lunch', 'dinner', 'snack', 'drinks'] as const;

export interface JournalPageFigures {
  readonly loads: number;
  readonly fullMedianMs: number;
  readonly fullP90Ms: number;
  readonly emptyMedianMs: number;
  readonly emptyP90Ms: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

export async function run(): Promise<JournalPageFigures> {
  const hub = await startDashboardHub({ config: { simulation: { enabled: false } } });
  const browser = await openDashboardBrowser({ baseURL: hub.baseURL });
  const full: number[] = [];
  const empty: number[] = [];
  try {
    const { page } = browser;
    await onboardOwner(page);
    const person = ((await (await page.request.get('/api/v1/me')).json()) as { user: { personId: string } }).user.personId;
    const csrf = ((await (await page.request.post('/api/v1/auth/login', { data: { username: OWNER.username, password: OWNER.password } })).json()) as { csrfToken: string }).csrfToken;
    const headers = { 'x-csrf-token': csrf };
    const start = Date.now() - 12 * 3_600_000;
    for (let i = 0; i < ENTRIES; i++) {
      const answer = await page.request.post(`/api/v1/people/${person}/food-journal`, {
        headers,
        data: { id: randomUUID(), foodId: FOODS[i % FOODS.length], meal: MEALS[i % MEALS.length], grams: 100 + i, ts: start + i * 20 * 60_000 },
      });
      if (answer.status() !== 201) throw new Error(`seeding the journal: ${answer.status()} ${await answer.text()}`);
    }
    for (const [name, times] of [['Metformin', ['08:00', '20:00']], ['Ramipril', ['08:00']], ['Vitamin D', ['12:00']]] as const) {
      const answer = await page.request.post(`/api/v1/people/${person}/medicines`, { headers, data: { name, dose: '1 tablet', times } });
      if (answer.status() !== 201) throw new Error(`seeding the medicines: ${answer.status()} ${await answer.text()}`);
    }
    const added = await page.request.post('/api/v1/people', { headers, data: { name: 'Sam' } });
    if (added.status() !== 201) throw new Error(`adding an empty person: ${added.status()} ${await added.text()}`);
    const nobody = ((await added.json()) as { id: string }).id;
    /** Milliseconds from navigation until the day's entries and the medicines' adherence are drawn. */
    const drawn = async (personId: string, entries: number): Promise<number> => {
      // A fresh document each time: a change of the hash alone would keep the page's code and state.
      await page.goto(`/?load=${Math.random()}#/food/${personId}`, { waitUntil: 'commit' });
      await page.waitForFunction(
        (n) => {
          const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number }; querySelector(s: string): unknown } }).document;
          const listed = n === 0 ? doc.querySelector('.food-journal-page .muted') !== null : doc.querySelectorAll('.journal-entry').length === n;
          return listed && doc.querySelector('.medicines .adherence') !== null;
        },
        entries,
        { timeout: 15_000 },
      );
      return page.evaluate(() => performance.now());
    };
    for (let i = 0; i < LOADS; i++) {
      full.push(await drawn(person, ENTRIES));
      empty.push(await drawn(nobody, 0));
    }
  } finally {
    await browser.close();
    await hub.stop();
  }
  const figures: JournalPageFigures = {
    loads: LOADS,
    fullMedianMs: percentile(full, 0.5),
    fullP90Ms: percentile(full, 0.9),
    emptyMedianMs: percentile(empty, 0.5),
    emptyP90Ms: percentile(empty, 0.9),
  };
  printTable('NutriVerse: the journal page drawn (headless Chromium, real hub)', [
    ['page loads', String(figures.loads)],
    [`navigation to a day of ${ENTRIES} entries and 3 medicines drawn, median / p90`, `${figures.fullMedianMs.toFixed(0)} / ${figures.fullP90Ms.toFixed(0)} ms`],
    ['baseline: the same page of a person with nothing written, median / p90', `${figures.emptyMedianMs.toFixed(0)} / ${figures.emptyP90Ms.toFixed(0)} ms`],
  ]);
  return figures;
}

if (isMain(import.meta.url)) await run();
