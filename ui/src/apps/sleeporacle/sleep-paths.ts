import { href } from '../dashboard-app.js';

export const SLEEP_PATH = '/sleep';
export const SLEEP_PERSON_PATH = '/sleep/:personId';

export function sleepHref(personId: string): string {
  return href(`/sleep/${encodeURIComponent(personId)}`);
}
