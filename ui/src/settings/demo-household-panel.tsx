import { useRef } from 'preact/hooks';
import { api } from '../api/client.js';
import type { DemoHousehold } from '../api/types.js';
import type { PageProps } from '../apps/dashboard-app.js';
import { href } from '../apps/dashboard-app.js';
import { useRequest } from '../components/use-request.js';
import { DemoRemoval, demoPresent } from '../setup/demo-removal.js';

/** On Settings, for the owner, while the demo household is there: its removal, one click and a confirmation away. */
export function DemoHouseholdPanel() {
  const request = useRequest(() => api.get<DemoHousehold>('/demo'));
  // Once shown, the card stays while the page is open, to say that the removal went through.
  const shown = useRef(false);
  if (demoPresent(request.value)) shown.current = true;
  if (!shown.current) return null;
  return (
    <section class="card compact" aria-labelledby="demo-heading">
      <h2 id="demo-heading">Demo household</h2>
      <DemoRemoval request={request} level={3} />
    </section>
  );
}

/** `#/settings/demo`, where the DEMO badge leads the owner: the demo household and its removal. */
export function DemoHouseholdPage({ user }: PageProps) {
  const request = useRequest(() => api.get<DemoHousehold>('/demo'));
  return (
    <section class="page compact">
      <h1>The demo household</h1>
      {user.role === 'owner' ? <DemoRemoval request={request} /> : <p>Only the hub’s owner can remove the demo household.</p>}
      <p>
        <a href={href('/settings')}>All settings</a>
      </p>
    </section>
  );
}
