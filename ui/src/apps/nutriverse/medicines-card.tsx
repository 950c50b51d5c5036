import { useEffect, useRef } from 'preact/hooks';
import type { DoseAnswer, MedicinesDayAnswer } from '../../../../hub/api/contract/medicines.js';
import { api } from '../../api/client.js';
import { Field, formValues } from '../../components/field.js';
import { StatusLine } from '../../components/status-line.js';
import { useAction, type Act } from '../../components/use-action.js';
import { useRequest } from '../../components/use-request.js';
import { errorText } from '../../format/error-text.js';
import { formatTime } from '../../format/freshness.js';
import { adherenceText, doseStateText, parseTimes, recordable } from './medicine-format.js';

function medicinesPath(personId: string): string {
  return `/people/${encodeURIComponent(personId)}/medicines`;
}

function DoseRow({ dose, act, now }: { readonly dose: DoseAnswer; readonly act: Act; readonly now: number }) {
  const path = `${medicinesPath(dose.personId)}/${dose.medicineId}/doses/${dose.date}/${dose.time}`;
  const recorded = dose.state === 'taken' || dose.state === 'late' || dose.state === 'skipped';
  const what = `${dose.name}${dose.dose === '' ? '' : ` ${dose.dose}`}`;
  return (
    <li class={`dose dose-${dose.state}`} data-dose={`${dose.medicineId} ${dose.time}`} data-state={dose.state}>
      <span class="dose-time">{dose.time}</span>
      <span class="dose-name">
        {what}
        {dose.important && <span class="muted"> · important</span>}
      </span>
      <span class="dose-state">{doseStateText(dose, dose.at === null ? undefined : formatTime(dose.at))}</span>
      <span class="dose-actions">
        {recorded ? (
          <button type="button" class="link-button" aria-label={`Undo: ${what} at ${dose.time}`} onClick={() => void act(() => api.put(path, { status: null }), `${what}: the record taken back.`)}>
            Undo
          </button>
        ) : (
          recordable(dose, now) && (
            <>
              <button type="button" class="primary" aria-label={`Taken: ${what} at ${dose.time}`} onClick={() => void act(() => api.put(path, { status: 'taken' }), `${what} taken.`)}>
                Taken
              </button>
              <button type="button" aria-label={`Skipped: ${what} at ${dose.time}`} onClick={() => void act(() => api.put(path, { status: 'skipped' }), `${what} skipped.`)}>
                Skipped
              </button>
            </>
          )
        )}
      </span>
    </li>
  );
}

function NewMedicineForm({ personId, act, say }: { readonly personId: string; readonly act: Act; readonly say: (message: string) => void }) {
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = formValues(form);
    const parsed = parseTimes(values['times'] ?? '');
    if ('wrong' in parsed) {
      say(`“${parsed.wrong}” is not a time of day: write times as 08:00 or 20:30, with commas between them.`);
      return;
    }
    const added = await act(
      () => api.post(medicinesPath(personId), { name: values['name'] ?? '', dose: values['dose'] ?? '', times: parsed.times, important: values['important'] === 'on' }),
      `${values['name'] ?? 'The medicine'} added.`,
    );
    if (added) form.reset();
  };
  return (
    <details class="new-medicine">
      <summary>Add a medicine</summary>
      <form aria-label="Add a medicine" onSubmit={(event) => void submit(event)}>
        <Field for="medicine-name" label="Name">
          <input id="medicine-name" name="name" required maxLength={100} autocomplete="off" />
        </Field>
        <Field for="medicine-dose" label="Dose" hint="As you would say it: 10 mg, 2 puffs.">
          <input id="medicine-dose" name="dose" maxLength={50} autocomplete="off" />
        </Field>
        <Field for="medicine-times" label="Times of day" hint="08:00, or several with commas: 08:00, 20:00.">
          <input id="medicine-times" name="times" required autocomplete="off" inputMode="numeric" />
        </Field>
        <div class="field field-inline">
          <input id="medicine-important" type="checkbox" name="important" />
          <label for="medicine-important">Important: a missed dose alerts the caregivers (never which medicine)</label>
        </div>
        <button type="submit" class="primary">
          Add
        </button>
      </form>
    </details>
  );
}

/** A person's medicines on a day: each dose with what became of it, the week's adherence, and the list kept. */
export function MedicinesCard({ personId, date, isToday }: { readonly personId: string; readonly date: string; readonly isToday: boolean }) {
  const { value, failure, loading, reload } = useRequest(() => api.get<MedicinesDayAnswer>(medicinesPath(personId), { date }));
  const { act, message, say } = useAction(reload);
  const askedFor = useRef(date);
  useEffect(() => {
    // The first day is asked for on mount; another when the page moves to it.
    if (askedFor.current !== date) {
      askedFor.current = date;
      void reload();
    }
    // A dose falls due on the minute: ask again each minute while today is shown.
    if (!isToday) return undefined;
    const timer = setInterval(() => void reload(), 60_000);
    return () => clearInterval(timer);
  }, [date, isToday, reload]);
  const status = failure !== undefined ? errorText(failure) : loading && value === undefined ? 'Loading…' : message;
  const now = Date.now();
  return (
    <section class="card medicines" aria-labelledby="medicines-heading">
      <h2 id="medicines-heading">Medicines</h2>
      <StatusLine text={status} />
      {value !== undefined && (
        <>
          {value.doses.length === 0 ? (
            <p class="muted">{value.medicines.length === 0 ? 'No medicines written down.' : 'No dose on this day.'}</p>
          ) : (
            <ul class="plain-list doses" aria-label="Doses">
              {value.doses.map((dose) => (
                <DoseRow key={`${dose.medicineId} ${dose.time}`} dose={dose} act={act} now={now} />
              ))}
            </ul>
          )}
          <p class="adherence">{adherenceText(value.week)}</p>
          {value.medicines.length > 0 && (
            <ul class="plain-list medicine-list" aria-label="Medicines taken">
              {value.medicines.map((m) => (
                <li key={m.id}>
                  <span>
                    {m.name}
                    {m.dose === '' ? '' : ` ${m.dose}`} <span class="muted">at {m.times.join(', ')}</span>
                  </span>
                  <button type="button" class="link-button" aria-label={`Stop ${m.name}`} onClick={() => void act(() => api.delete(`${medicinesPath(personId)}/${m.id}`), `${m.name} stopped; its doses so far stay in the history.`)}>
                    Stop
                  </button>
                </li>
              ))}
            </ul>
          )}
          <NewMedicineForm personId={personId} act={act} say={say} />
        </>
      )}
    </section>
  );
}
