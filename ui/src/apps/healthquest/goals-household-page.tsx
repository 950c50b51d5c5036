import { PeopleLinks } from '../../components/people-links.js';
import { goalsHref } from './goal-paths.js';

/** Whose goals to look at: everyone the signed-in account may see. */
export function GoalsHouseholdPage() {
  return (
    <PeopleLinks
      title="Goals"
      intro="Goals the hub keeps from the household’s own readings: steps, sleep, blood pressure, the strap worn at night. Nobody types a result in."
      label={(name) => `${name}’s goals`}
      hrefOf={goalsHref}
      listClass="goal-people"
    />
  );
}
