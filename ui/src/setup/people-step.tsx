import { useRef, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { DemoHousehold, PersonOverview, User } from '../api/types.js';
import { Field, formValues } from '../components/field.js';
import { StatusLine } from '../components/status-line.js';
import { useRequest } from '../components/use-request.js';
import { errorText } from '../format/error-text.js';
import { forgetPeople } from '../state/household.js';
import type { StepMoves } from './setup-steps.js';
import { StepForm } from './step-form.js';

interface Household {
  readonly people: readonly PersonOverview[];
  readonly demo: DemoHousehold | undefined;
}

/** Step 1: the people whose vitals the hub keeps: who is here already, and names to add. */
export function PeopleStep({ user, moves }: { readonly user: User; readonly moves: StepMoves }) {
  const request = useRequest(async (): Promise<Household> => {
    const [people, demo] = await Promise.all([api.get<PersonOverview[]>('/people'), api.get<DemoHousehold>('/demo').catch(() => undefined)]);
    return { people, demo };
  });
  const serial = useRef(1);
  const [rows, setRows] = useState<readonly number[]>([1]);

  const add = (): void => setRows([...rows, ++serial.current]);
  const remove = (row: number): void => setRows(rows.filter((r) => r !== row));
  const save = async (form: HTMLFormElement): Promise<void> => {
    const values = formValues(form);
    const names = rows.map((row) => (values[`person-${row}`] ?? '').trim()).filter((name) => name !== '');
    for (const name of names) await api.post('/people', { name });
    if (names.length > 0) forgetPeople();
  };

  const demoIds = new Set(request.value?.demo?.people.map((p) => p.id) ?? []);
  const here = request.value?.people ?? [];
  return (
    <StepForm moves={moves} save={save} skippable>
      <p>Add the people you live with whose vitals the hub should keep. They do not need an account to sign in; Settings gives them one later if they want to look for themselves.</p>
      <h2 id="people-here">Already here</h2>
      <StatusLine text={request.failure !== undefined ? errorText(request.failure) : request.loading ? 'Loading the household…' : ''} />
      <ul class="plain-list setup-people" aria-labelledby="people-here">
        {here.map((person) => (
          <li key={person.id}>
            {person.name}
            {person.id === user.personId ? <span class="muted"> (you)</span> : demoIds.has(person.id) ? <span class="muted"> (demo household)</span> : null}
          </li>
        ))}
      </ul>
      <fieldset class="choices">
        <legend>People to add</legend>
        {rows.map((row, index) => (
          <div class="setup-person" key={row}>
            <Field for={`person-${row}`} label={`Name ${index + 1}`}>
              <input id={`person-${row}`} name={`person-${row}`} maxLength={100} autocomplete="off" />
            </Field>
            <button type="button" class="small" onClick={() => remove(row)} aria-label={`Remove name ${index + 1}`}>
              Remove
            </button>
          </div>
        ))}
        <p>
          <button type="button" class="small" onClick={add}>
            Add another person
          </button>
        </p>
      </fieldset>
    </StepForm>
  );
}
