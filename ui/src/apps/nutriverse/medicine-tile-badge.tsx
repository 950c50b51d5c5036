import { useEffect } from 'preact/hooks';
import type { RemindersAnswer } from '../../../../hub/api/contract/medicines.js';
import { api } from '../../api/client.js';
import { PeoplePoll } from '../../state/people-poll.js';
import { foodJournalHref } from './food-paths.js';

type Reminder = RemindersAnswer[number];

/** The doses due now, of everyone whose medicines the signed-in account keeps. */
export const medicineReminders = new PeoplePoll<Reminder>(() => api.get<Reminder[]>('/medicine-reminders'));

/**
 * NutriVerse's reminder on a person's tile: a dose due now, leading to where it is recorded. The
 * tile says when, not what: a wall-mounted screen is seen by visitors too; the name is a tap away.
 */
export function MedicineTileBadge({ personId, name }: { readonly personId: string; readonly name: string }) {
  useEffect(() => medicineReminders.show(), []);
  const due = medicineReminders.byPerson.value.get(personId)?.doses ?? [];
  if (due.length === 0) return null;
  const times = [...new Set(due.map((d) => d.time))].join(', ');
  const words = due.length === 1 ? `Medicine due, ${times}` : `${due.length} medicines due, ${times}`;
  return (
    <a class="medicine-badge" href={foodJournalHref(personId)} data-due={due.length}>
      <span class="visually-hidden">{name}: </span>
      {words}
    </a>
  );
}
