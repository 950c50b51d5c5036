import type { Food } from '../apps/nutriverse/food-table.js';

/** What NutriVerse offers the API, while it runs. */
export interface FoodsView {
  /** Foods matching what was typed, the likeliest first; none for input with nothing searchable. */
  search(typed: string, limit: number): readonly Food[];
  food(id: string): Food | undefined;
  /** How many foods the table holds. */
  readonly size: number;
}
