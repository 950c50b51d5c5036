import { StatusLine } from '../../components/status-line.js';
import { useRequest } from '../../components/use-request.js';
import { errorText } from '../../format/error-text.js';
import { loadPeople } from '../../state/household.js';
import { sleepHref } from './sleep-paths.js';

/** Whose nights to look at: everyone the signed-in account may see. */
export function SleepHouseholdPage() {
  const { value: people, failure, loading } = useRequest(() => loadPeople());
  const status = failure !== undefined ? errorText(failure) : loading ? 'Loading…' : people?.length === 0 ? 'No one is set up yet.' : '';
  return (
    <section class="page">
      <h1>Sleep</h1>
      <p>Nights, awakenings and overnight oxygen, worked out on the hub from a strap, watch or oximeter worn in bed.</p>
      <StatusLine text={status} />
      <ul class="plain-list sleep-people">
        {(people ?? []).map((person) => (
          <li key={person.id}>
            <a class="button" href={sleepHref(person.id)}>
              {person.name}’s sleep
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
