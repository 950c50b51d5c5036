import type { Alert, PersonOverview } from '../../../api/types.js';

/** The order of the household's tiles: people with open alerts first, then everyone by name. */
export function householdOrder(people: readonly PersonOverview[], open: readonly Alert[]): PersonOverview[] {
  const alerted = new Set(open.map((a) => a.personId));
  const rank = (person: PersonOverview): number => (alerted.has(person.id) ? 0 : 1);
  return [...people].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
