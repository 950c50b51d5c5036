import { href } from '../dashboard-app.js';

export const FOOD_PATH = '/food';
export const FOOD_PERSON_PATH = '/food/:personId';

export function foodJournalHref(personId: string): string {
  return href(`/food/${encodeURIComponent(personId)}`);
}
