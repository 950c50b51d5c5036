import { StatusLine } from '../../components/status-line.js';
import { useRequest } from '../../components/use-request.js';
import { errorText } from '../../format/error-text.js';
import { loadPeople } from '../../state/household.js';
import { goalsHref } from './goal-paths.js';

/** Whose goals to look at: everyone the signed-in account may see. */
export function GoalsHouseholdPage() {
  const { value: people, failure, loading } = useRequest(() => loadPeople());
  const status = failure !== undefined ? errorText(failure) : loading ? 'Loading…' : people?.length === 0 ? 'No one is set up yet.' : '';
  return (
    <section class="page">
      <h1>Goals</h1>
      <p>Goals the hub keeps from the household’s own readings: steps, sleep, blood pressure, the strap worn at night. Nobody types a result in.</p>
      <StatusLine text={status} />
      <ul class="plain-list goal-people">
        {(people ?? []).map((person) => (
          <li key={person.id}>
            <a class="button" href={goalsHref(person.id)}>
              {person.name}’s goals
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
