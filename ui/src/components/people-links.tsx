import type { ComponentChildren } from 'preact';
import { StatusLine } from './status-line.js';
import { useRequest } from './use-request.js';
import { errorText } from '../format/error-text.js';
import { loadPeople } from '../state/household.js';

interface PeopleLinksProps {
  /** "Sleep", "Goals". */
  readonly title: string;
  readonly intro: string;
  /** The link's words for a person ("Alex’s sleep") and where it goes. */
  readonly label: (name: string) => string;
  readonly hrefOf: (personId: string) => string;
  /** A class for the list, for the page's own styling. */
  readonly listClass: string;
  /** What the app shows for the household as a whole, under the people. */
  readonly children?: ComponentChildren;
}

/** An app's first page: whose to look at, of everyone the signed-in account may see. */
export function PeopleLinks({ title, intro, label, hrefOf, listClass, children }: PeopleLinksProps) {
  const { value: people, failure, loading } = useRequest(() => loadPeople());
  const status = failure !== undefined ? errorText(failure) : loading ? 'Loading…' : people?.length === 0 ? 'No one is set up yet.' : '';
  return (
    <section class="page">
      <h1>{title}</h1>
      <p>{intro}</p>
      <StatusLine text={status} />
      <ul class={`plain-list ${listClass}`}>
        {(people ?? []).map((person) => (
          <li key={person.id}>
            <a class="button" href={hrefOf(person.id)}>
              {label(person.name)}
            </a>
          </li>
        ))}
      </ul>
      {children}
    </section>
  );
}
