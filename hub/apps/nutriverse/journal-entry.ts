/**
 * One entry of the food and drink journal, worked out from the food table: what it holds, the
 * readings it becomes at the ingest gate, and a day's totals. Pure: the journal store and the part
 * do the I/O.
 */
import { metricDefinition, type MetricId } from '../../../core/metrics.js';
import { FOOD_NUTRIENTS, type Food, type FoodNutrient } from './food-table.js';

export const MEALS = ['breakfast', 'lunch', 'dinner', 'snack', 'drinks'] as const;
export type Meal = (typeof MEALS)[number];

/** What a whole entry holds; null where the food table has no value (not zero). */
export type EntryNutrients = Readonly<Record<FoodNutrient, number | null>>;

export interface JournalEntry {
  /** Chosen by the page that wrote it, so that the same entry sent twice (two tabs, a retry) is one. */
  readonly id: string;
  readonly personId: string;
  /** When it was eaten or drunk, ms; no two of a person's entries share a millisecond. */
  readonly ts: number;
  readonly meal: Meal;
  readonly foodId: string;
  /** The food's name: personal text, never logged or relayed. */
  readonly name: string;
  /** The household measure chosen, or null for grams typed in. */
  readonly portion: string | null;
  /** Grams of one portion. */
  readonly grams: number;
  readonly count: number;
  readonly nutrients: EntryNutrients;
}

/** Limits of one entry: a real plate or glass, and a journal written on the day or soon after. */
export const ENTRY_LIMITS = {
  gramsMax: 2000,
  countMin: 0.25,
  countMax: 20,
  daysBack: 30,
  /** A phone's clock a little ahead of the hub's is not an entry from the future. */
  aheadMs: 5 * 60_000,
  perDay: 200,
} as const;

function rounded(value: number): number {
  return Math.round(value * 10) / 10;
}

export function entryNutrients(food: Food, grams: number, count: number): EntryNutrients {
  const eaten = (grams * count) / 100;
  return Object.fromEntries(FOOD_NUTRIENTS.map((n) => [n, food.per100g[n] === null ? null : rounded(food.per100g[n] * eaten)])) as Record<FoodNutrient, number | null>;
}

/**
 * What was drunk: a drink's volume (1 g of a drink taken as 1 mL), as a person pours and counts
 * it; a glass of water is 250 mL, not the 249.8 g of water the table finds in it. A food's own
 * water is not counted.
 */
function drunkMl(entry: Pick<JournalEntry, 'meal' | 'grams' | 'count'>): number | null {
  return entry.meal === 'drinks' ? rounded(entry.grams * entry.count) : null;
}

/** The readings an entry goes through the gate as: only what it holds, never a zero. */
export function entryReadings(entry: Pick<JournalEntry, 'ts' | 'meal' | 'grams' | 'count' | 'nutrients'>): { metric: MetricId; value: number; ts: number }[] {
  const values: [MetricId, number | null][] = [
    ['energy_intake', entry.nutrients.kcal],
    ['water_intake', drunkMl(entry)],
    ['caffeine_intake', entry.nutrients.caffeine_mg],
    ['alcohol_intake', entry.nutrients.alcohol_g],
    ['sodium_intake', entry.nutrients.sodium_mg],
  ];
  // Rounded as the gate keeps them: a value that rounds to nothing (0.3 kcal of tea) is no reading.
  return values.flatMap(([metric, value]) => {
    const scale = 10 ** metricDefinition(metric).decimals;
    const kept = value === null ? 0 : Math.round(value * scale) / scale;
    return kept > 0 ? [{ metric, value: kept, ts: entry.ts }] : [];
  });
}

/** Every metric an entry may have become: what taking it back removes. */
export const ENTRY_METRICS: readonly MetricId[] = ['energy_intake', 'water_intake', 'caffeine_intake', 'alcohol_intake', 'sodium_intake'];

export type DayTotals = Readonly<Record<FoodNutrient, number> & { drunk_ml: number }>;

/** A day's totals; a value the table lacks counts as nothing. */
export function dayTotals(entries: readonly Pick<JournalEntry, 'meal' | 'grams' | 'count' | 'nutrients'>[]): DayTotals {
  const totals = Object.fromEntries([...FOOD_NUTRIENTS, 'drunk_ml'].map((n) => [n, 0])) as Record<FoodNutrient | 'drunk_ml', number>;
  for (const entry of entries) {
    for (const n of FOOD_NUTRIENTS) totals[n] += entry.nutrients[n] ?? 0;
    totals.drunk_ml += drunkMl(entry) ?? 0;
  }
  for (const key of Object.keys(totals) as (FoodNutrient | 'drunk_ml')[]) totals[key] = rounded(totals[key]);
  return totals;
}

/**
 * Reference amounts a day for an adult, shown beside the totals; a reference, not advice: energy
 * 2,000 kcal and sodium under 2,300 mg (the US Daily Values), caffeine up to 400 mg (FDA), about
 * 2 L drunk (EFSA's adequate intake of water, of which drinks give some 80 %).
 */
export const DAY_REFERENCES = {
  kcal: { amount: 2000, kind: 'about' },
  sodium_mg: { amount: 2300, kind: 'at_most' },
  caffeine_mg: { amount: 400, kind: 'at_most' },
  drunk_ml: { amount: 2000, kind: 'at_least' },
} as const;
