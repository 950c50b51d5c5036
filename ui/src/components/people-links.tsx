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
  /** Whose page the signed-in account may open, of those it sees (all, unless told), and what to say when none. */
  readonly opens?: { readonly person: (personId: string) => boolean; readonly none: string };
}

/** An app's first page: whose to look at, of everyone the signed-in account may see. */
export function PeopleLinks({ title, intro, label, hrefOf, listClass, children, opens }: PeopleLinksProps) {
  const { value: seen, failure, loading } = useRequest(() => loadPeople());
  const people = opens === undefined ? seen : seen?.filter((p) => opens.person(p.id));
  const status =
    failure !== undefined ? errorText(failure) : loading ? 'Loading…' : seen?.length === 0 ? 'No one is set up yet.' : people?.length === 0 ? (opens?.none ?? '') : '';
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
