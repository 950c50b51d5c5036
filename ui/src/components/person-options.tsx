import type { PersonOverview } from '../api/types.js';

interface PersonOptionsProps {
  /** The first choice, meaning "none of them" in the words of the form it stands in. */
  readonly none: string;
  readonly people: readonly Pick<PersonOverview, 'id' | 'name'>[];
}

/** The choices of a "which person" select: nobody first, then each person of the household. */
export function PersonOptions({ none, people }: PersonOptionsProps) {
  return (
    <>
      <option value="">{none}</option>
      {people.map((person) => (
        <option key={person.id} value={person.id}>
          {person.name}
        </option>
      ))}
    </>
  );
}
