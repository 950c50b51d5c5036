import { hubStatus } from '../state/hub-status.js';

/** While the simulated household runs, every page says so: its people and readings are not real. */
export function DemoBadge() {
  if (hubStatus.value?.demo.running !== true) return null;
  return (
    <span class="demo-badge" title="The people and readings shown are a simulated household, not real measurements.">
      DEMO<span class="visually-hidden">: a simulated household, not real measurements</span>
    </span>
  );
}
