import { href } from '../dashboard-app.js';

export const GOALS_PATH = '/goals';
export const GOALS_PERSON_PATH = '/goals/:personId';

export function goalsHref(personId: string): string {
  return href(`/goals/${encodeURIComponent(personId)}`);
}
