import { href } from '../apps/dashboard-app.js';
import { DEMO_PATH } from '../settings/settings-area.js';
import { hubStatus } from '../state/hub-status.js';

const MEANING = 'The people and readings shown are a simulated household, not real measurements.';

/**
 * While the simulated household runs, every page says so: its people and readings are not real.
 * For the owner the badge leads to where it can be removed.
 */
export function DemoBadge({ owner }: { readonly owner: boolean }) {
  if (hubStatus.value?.demo.running !== true) return null;
  if (owner) {
    return (
      <a class="demo-badge" href={href(DEMO_PATH)} title={`${MEANING} Open to keep or remove it.`}>
        DEMO<span class="visually-hidden">: a simulated household, not real measurements. Keep or remove it</span>
      </a>
    );
  }
  return (
    <span class="demo-badge" title={MEANING}>
      DEMO<span class="visually-hidden">: a simulated household, not real measurements</span>
    </span>
  );
}
