import { api } from '../api/client.js';
import type { PersonOverview } from '../api/types.js';
import { lastOverview } from '../offline/last-overview.js';

let cached: { readonly at: number; readonly people: Promise<readonly PersonOverview[]> } | undefined;

/** The household's people, shared by views that only need names (alerts, devices, insights). */
export function loadPeople(maxAgeMs = 30_000): Promise<readonly PersonOverview[]> {
  if (cached === undefined || Date.now() - cached.at > maxAgeMs) {
    const people = api.get<PersonOverview[]>('/people');
    cached = { at: Date.now(), people };
    // Kept for when the hub cannot be reached; a failed answer keeps the previous one.
    people.then((answer) => lastOverview.save(answer)).catch(() => (cached = undefined));
  }
  return cached.people;
}

export function rememberPeople(people: readonly PersonOverview[]): void {
  cached = { at: Date.now(), people: Promise.resolve(people) };
  lastOverview.save(people);
}

export function personName(people: readonly PersonOverview[], personId: string | null | undefined): string {
  if (personId === null || personId === undefined) return 'Unassigned';
  return people.find((p) => p.id === personId)?.name ?? personId;
}

export function forgetPeople(): void {
  cached = undefined;
}
