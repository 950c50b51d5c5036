import type { PersonOverview } from '../api/types.js';

interface PeopleCheckboxesProps {
  /** The form field name each checked person's id is sent under. */
  readonly name: string;
  readonly legend: string;
  readonly people: readonly Pick<PersonOverview, 'id' | 'name'>[];
  readonly checked?: readonly string[];
  /** Makes the ids unique when the same people are listed more than once on a page. */
  readonly idPrefix: string;
  readonly hint?: string;
}

/** A checkbox per person of the household, for choosing whom something reaches. */
export function PeopleCheckboxes({ name, legend, people, checked = [], idPrefix, hint }: PeopleCheckboxesProps) {
  return (
    <fieldset class="choices">
      <legend>{legend}</legend>
      {hint !== undefined && <p class="hint">{hint}</p>}
      {people.length === 0 && <p class="muted">There is no one in the household yet.</p>}
      {people.map((person) => {
        const id = `${idPrefix}-${person.id}`;
        return (
          <div key={person.id} class="field field-inline">
            <input id={id} type="checkbox" name={name} value={person.id} defaultChecked={checked.includes(person.id)} />
            <label for={id}>{person.name}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Every value a form holds under `name` (checked boxes). */
export function checkedValues(form: HTMLFormElement, name: string): string[] {
  return new FormData(form).getAll(name).filter((v): v is string => typeof v === 'string');
}
