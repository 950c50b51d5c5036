import { PeopleLinks } from '../../components/people-links.js';
import { sleepHref } from './sleep-paths.js';

/** Whose nights to look at: everyone the signed-in account may see. */
export function SleepHouseholdPage() {
  return (
    <PeopleLinks
      title="Sleep"
      intro="Nights, awakenings and overnight oxygen, worked out on the hub from a strap, watch or oximeter worn in bed."
      label={(name) => `${name}’s sleep`}
      hrefOf={sleepHref}
      listClass="sleep-people"
    />
  );
}
