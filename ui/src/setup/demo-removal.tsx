import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { DemoHousehold, DemoRemoval as Removed } from '../api/types.js';
import { StatusLine } from '../components/status-line.js';
import type { Request } from '../components/use-request.js';
import { errorText } from '../format/error-text.js';
import { formatDate } from '../format/freshness.js';
import { loadPeople } from '../state/household.js';
import { loadHubStatus } from '../state/hub-status.js';

/** "Alex", "Alex and Sam", "Alex, Sam and Kim". */
function names(list: readonly string[]): string {
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1] ?? ''}`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** Whether there is a demo household to decide about. */
export function demoPresent(demo: DemoHousehold | undefined): boolean {
  return demo !== undefined && (demo.running || demo.people.length > 0 || demo.devices.length > 0);
}

interface DemoRemovalProps {
  /** `GET /demo`, asked by the page that shows this. */
  readonly request: Request<DemoHousehold>;
  /** Heading level of the confirmation, under the page's own. */
  readonly level?: 2 | 3;
}

/**
 * The simulated household, what it holds, and its removal: one button, then a confirmation that
 * says what goes (its people, devices, readings, alerts and insights) and that the household's
 * own people and devices stay. Once removed, the DEMO badge goes and the household's lists follow.
 */
export function DemoRemoval({ request, level = 2 }: DemoRemovalProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [removed, setRemoved] = useState<Removed | undefined>(undefined);
  const [error, setError] = useState('');
  const demo = request.value;

  const remove = (): void => {
    setBusy(true);
    setError('');
    api
      .post<Removed>('/demo/remove')
      .then(async (outcome) => {
        setRemoved(outcome);
        setAsking(false);
        await Promise.all([loadHubStatus(), loadPeople(0), request.reload()]).catch(() => undefined);
      })
      .catch((e: unknown) => setError(errorText(e)))
      .finally(() => setBusy(false));
  };

  if (removed !== undefined) {
    return (
      <p class="demo-removed" role="status">
        The demo household is gone: {count(removed.people, 'person', 'people')}, {count(removed.devices, 'device')} and {count(removed.readings, 'reading')} were removed. Your own people and devices
        are as they were.
      </p>
    );
  }
  if (demo === undefined) return <StatusLine text={request.failure !== undefined ? errorText(request.failure) : 'Looking at the demo household…'} />;
  if (!demoPresent(demo)) {
    return <p>{demo.removedAt !== null ? `The demo household was removed on ${formatDate(demo.removedAt)}.` : 'There is no demo household on this hub.'}</p>;
  }

  const people = names(demo.people.map((p) => p.name));
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div class="demo-removal stack">
      <p>
        This hub is showing a <strong>demo household</strong>: {people || 'simulated people'} with {count(demo.devices.length, 'simulated device')}, so that there is something to look at. Their readings are
        made up. Keep it while you look around (the DEMO badge stays on every page, and Settings can remove it later), or remove it now.
      </p>
      {!asking && (
        <p>
          <button type="button" class="danger" onClick={() => setAsking(true)}>
            Remove the demo household
          </button>
        </p>
      )}
      {asking && (
        <div class="notice notice-warning" role="group" aria-labelledby="demo-confirm-heading">
          <Heading id="demo-confirm-heading">Remove the demo household?</Heading>
          <p>
            This removes {people}, {count(demo.devices.length, 'device')} and everything recorded of them: {count(demo.readings, 'reading')} with their charts
            {demo.waveformBlocks > 0 ? ' and ECG and pleth strips' : ''}, {count(demo.alerts, 'alert')}, {count(demo.insights, 'insight')} and {count(demo.sleepSessions, 'sleep session')}. The simulation stops and does not come back. Your
            own people and devices stay. This cannot be undone.
          </p>
          <div class="row">
            <button type="button" class="danger" disabled={busy} onClick={remove}>
              Yes, remove it
            </button>
            <button type="button" disabled={busy} onClick={() => setAsking(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <p class="form-error" role="alert">
        {error}
      </p>
    </div>
  );
}
