import { PeopleLinks } from '../../components/people-links.js';
import type { PageProps } from '../dashboard-app.js';
import { goalsHref } from './goal-paths.js';
import { HouseholdChallenges } from './household-challenges.js';

/** Whose goals to look at (everyone the signed-in account may see), and the household's challenges. */
export function GoalsHouseholdPage({ user }: PageProps) {
  return (
    <PeopleLinks
      title="Goals"
      intro="Goals the hub keeps from the household’s own readings: steps, sleep, blood pressure, the strap worn at night. Nobody types a result in."
      label={(name) => `${name}’s goals`}
      hrefOf={goalsHref}
      listClass="goal-people"
    >
      <HouseholdChallenges user={user} />
    </PeopleLinks>
  );
}
