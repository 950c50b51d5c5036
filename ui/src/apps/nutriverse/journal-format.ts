/** The food journal in words: meals, a day's totals against their reference amounts. */
import type { JournalDayAnswer, TrendsAnswer } from '../../../../hub/api/contract/food-journal.js';

export type Meal = JournalDayAnswer['entries'][number]['meal'];

export const MEALS: readonly { readonly id: Meal; readonly label: string }[] = [
  { id: 'breakfast', label: 'Breakfast' },
  { id: 'lunch', label: 'Lunch' },
  { id: 'dinner', label: 'Dinner' },
  { id: 'snack', label: 'Snacks' },
  { id: 'drinks', label: 'Drinks' },
];

/** The meal a food eaten at this hour most likely belongs to; the form lets the person choose another. */
export function mealAt(hour: number): Meal {
  if (hour >= 4 && hour < 11) return 'breakfast';
  if (hour >= 11 && hour < 15) return 'lunch';
  if (hour >= 17 && hour < 22) return 'dinner';
  return 'snack';
}

type Reference = JournalDayAnswer['references']['kcal'];

export const TOTALS: readonly { readonly key: keyof JournalDayAnswer['references']; readonly label: string; readonly unit: string }[] = [
  { key: 'kcal', label: 'Energy', unit: 'kcal' },
  { key: 'drunk_ml', label: 'Drinks', unit: 'mL' },
  { key: 'caffeine_mg', label: 'Caffeine', unit: 'mg' },
  { key: 'sodium_mg', label: 'Sodium', unit: 'mg' },
];

const REFERENCE_WORDS: Readonly<Record<Reference['kind'], string>> = { about: 'about', at_most: 'at most', at_least: 'at least' };

/** "1,250 kcal of about 2,000", "180 mg of at most 400". */
export function totalText(total: number, reference: Reference, unit: string): string {
  return `${Math.round(total).toLocaleString()} ${unit} of ${REFERENCE_WORDS[reference.kind]} ${reference.amount.toLocaleString()}`;
}

/** How far along the reference a total is, for a bar (0–1); past an upper limit says so. */
export function totalShare(total: number, reference: Reference): { readonly share: number; readonly over: boolean } {
  return { share: Math.min(1, Math.max(0, total / reference.amount)), over: reference.kind === 'at_most' && total > reference.amount };
}

/** A standard drink as the US guidelines count it: 14 g of ethyl alcohol (a UK unit is 8 g). */
const STANDARD_DRINK_G = 14;

/** "28 g of alcohol, 2 standard drinks (14 g each)"; nothing to say for a day without any. */
export function alcoholText(grams: number): string | undefined {
  if (!(grams > 0)) return undefined;
  const drinks = Math.round((grams / STANDARD_DRINK_G) * 10) / 10;
  return `${grams.toLocaleString(undefined, { maximumFractionDigits: 1 })} g of alcohol, ${drinks.toLocaleString()} standard ${drinks === 1 ? 'drink' : 'drinks'} (${STANDARD_DRINK_G} g each)`;
}

/** "2 × 1 cup (8 fl oz)", "118 g". */
export function portionText(entry: Pick<JournalDayAnswer['entries'][number], 'portion' | 'grams' | 'count'>): string {
  const one = entry.portion ?? `${entry.grams.toLocaleString()} g`;
  return entry.count === 1 ? one : `${entry.count.toLocaleString()} × ${one}`;
}

type TrendDay = TrendsAnswer[number];

/**
 * A chart's figures in a sentence, for whoever does not see the chart: "On 12 of 28 days written
 * down, sodium averaged 2,450 mg; systolic pressure averaged 132 mmHg on 9 days measured."
 */
export function trendSummary(
  days: readonly TrendDay[],
  intake: { readonly label: string; readonly unit: string; readonly of: (d: TrendDay) => number },
  measured: { readonly label: string; readonly unit: string; readonly of: (d: TrendDay) => number | null },
): string {
  const written = days.filter((d) => d.entries > 0);
  const values = days.map(measured.of).filter((v): v is number => v !== null);
  const mean = (list: readonly number[]): number => list.reduce((s, v) => s + v, 0) / list.length;
  const first = written.length === 0 ? `Nothing written down in ${days.length} days` : `On ${written.length} of ${days.length} days written down, ${intake.label} averaged ${Math.round(mean(written.map(intake.of))).toLocaleString()} ${intake.unit}`;
  const second = values.length === 0 ? `no ${measured.label} measured` : `${measured.label} averaged ${mean(values).toLocaleString(undefined, { maximumFractionDigits: 1 })} ${measured.unit} on ${values.length} ${values.length === 1 ? 'day' : 'days'} measured`;
  return `${first}; ${second}.`;
}
