import type { RecentFood, StoredEntry } from '../apps/nutriverse/food-journal-store.js';
import type { DAY_REFERENCES, DayTotals, Meal } from '../apps/nutriverse/journal-entry.js';

/** A person's journal on one local day. */
export interface JournalDay {
  readonly personId: string;
  readonly date: string;
  readonly entries: readonly StoredEntry[];
  readonly totals: DayTotals;
  readonly references: typeof DAY_REFERENCES;
}

/** One local day of a trend: what was eaten and drunk beside the day's blood pressure and weight. */
export interface TrendDay {
  readonly date: string;
  readonly kcal: number;
  readonly sodium_mg: number;
  readonly caffeine_mg: number;
  readonly alcohol_g: number;
  readonly drunk_ml: number;
  /** Entries written that day: a day with none is a journal not kept, not a day without food. */
  readonly entries: number;
  /** The day's mean systolic pressure (mmHg) and weight (kg); null without a measurement. */
  readonly systolic: number | null;
  readonly weightKg: number | null;
}

export interface NewJournalEntry {
  readonly id: string;
  readonly foodId: string;
  readonly meal: Meal;
  /** Grams of one portion, and how many. */
  readonly grams: number;
  readonly count: number;
  readonly portion: string | null;
  readonly ts: number;
}

/** Why a journal entry, a medicine or a dose was not taken, for the API to say; `status` is the HTTP status it answers with. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
  constructor(
    readonly status: 400 | 404 | 409 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What NutriVerse's journal offers the API, while it runs. */
export interface FoodJournalView {
  /** The household's date today. */
  today(): string;
  day(personId: string, date: string): JournalDay;
  /** The foods the person wrote down last, each once: what they are likeliest to write again. */
  recent(personId: string): readonly RecentFood[];
  /** The last `days` local days to today, oldest first. */
  trends(personId: string, days: number): readonly TrendDay[];
  /** Records the entry and its readings; one sent again (same id) is answered with the first, not added twice. Throws JournalError. */
  add(personId: string, entry: NewJournalEntry): { readonly entry: StoredEntry; readonly created: boolean };
  /** Takes an entry back with its readings; false when the person has no such entry. Throws JournalError when the store cannot be written. */
  remove(personId: string, id: string): boolean;
}
