import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { ApiError } from '../../../api/client.js';
import { live } from '../../../api/live-socket.js';
import type { LatestValue, PersonOverview, User } from '../../../api/types.js';
import { StatusLine } from '../../../components/status-line.js';
import { useRequest } from '../../../components/use-request.js';
import { errorText } from '../../../format/error-text.js';
import { isChartable } from '../../../format/metric-format.js';
import { lastOverview } from '../../../offline/last-overview.js';
import { OfflineBanner } from '../../../offline/offline-banner.js';
import { alerts } from '../../../state/alerts.js';
import { loadPeople } from '../../../state/household.js';
import { latestValues } from '../../../state/latest-values.js';
import type { PageProps } from '../../dashboard-app.js';
import { householdOrder } from './household-order.js';
import { PersonTile } from './person-tile.js';

async function loadHousehold(): Promise<readonly PersonOverview[]> {
  // Fresh enough when the page has just asked for it while checking the session.
  const people = await loadPeople(5_000);
  for (const person of people) latestValues.seed(person.id, person.latest);
  return people;
}

const KEEP_LIVE_EVERY_MS = 10_000;

/** A person's newest values as the tiles have them, answer and live stream together. */
function shownValues(personId: string): Record<string, LatestValue> {
  const values: Record<string, LatestValue> = {};
  for (const [metric, value] of latestValues.of(personId).peek()) values[metric] = value.peek();
  return values;
}

/** Marks a moment once per page load (read by bench/ui-first-reading). */
function markOnce(name: string): void {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}

/** Why the household shows no one, for who is asking: nobody is set up, or nobody was shared with them. */
function nobodyText(user: User): string {
  if (user.role === 'caregiver' || user.role === 'viewer') {
    return 'No one has been shared with you yet. Ask the hub’s owner to choose whom you may see (Settings, People who can sign in).';
  }
  if (user.role === 'member') return 'Your account is not linked to anyone’s readings yet. Ask the hub’s owner to link it.';
  return 'No one is set up yet. Add people in Settings, then pair their devices.';
}

/** The household at a glance: a tile per person with their latest vitals, live. */
export function OverviewPage({ user, tileBadges }: PageProps) {
  const { value: answered, failure, reload } = useRequest(loadHousehold);
  // The hub stopped answering: the values this browser last received, said to be old.
  const saved = useMemo(() => {
    const kept = answered === undefined && failure instanceof ApiError && failure.status === 0 ? lastOverview.saved() : undefined;
    for (const person of kept?.people ?? []) latestValues.seed(person.id, person.latest);
    return kept;
  }, [answered, failure]);
  const people = answered ?? saved?.people;
  const shown = useRef<ReadonlySet<string>>(new Set());

  useLayoutEffect(() => {
    if (people === undefined) return;
    shown.current = new Set(people.map((p) => p.id));
    markOnce('hearth:first-tile');
  }, [people]);

  // What the tiles show is what offline shows: the kept household follows the live values. A value
  // a tile did not have yet is kept at once; others at most every few seconds, the last of a burst
  // included, so the kept copy is never older than that.
  useEffect(() => {
    if (answered === undefined) return undefined;
    const keptMetrics = new Map(answered.map((person) => [person.id, new Set(Object.keys(person.latest))]));
    let keptAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const keep = (): void => {
      timer = undefined;
      keptAt = Date.now();
      const people = answered.map((person) => ({ ...person, latest: { ...person.latest, ...shownValues(person.id) } }));
      for (const person of people) keptMetrics.set(person.id, new Set(Object.keys(person.latest)));
      lastOverview.save(people);
    };
    // Later than the reading's own listeners, so the value is among those shown when it is kept.
    const keepSoon = (delayMs: number): void => {
      clearTimeout(timer);
      timer = setTimeout(keep, delayMs);
    };
    const stopListening = live.listen((message) => {
      if (message.type !== 'reading') return;
      const { personId, metric } = message.reading;
      if (personId !== undefined && personId !== null && keptMetrics.get(personId)?.has(metric) === false) keepSoon(0);
      else if (timer === undefined) keepSoon(Math.max(0, KEEP_LIVE_EVERY_MS - (Date.now() - keptAt)));
    });
    return () => {
      stopListening();
      clearTimeout(timer);
    };
  }, [answered]);

  // The moment the first live reading reaches a tile; the tile itself reads the latest values.
  useEffect(
    () =>
      live.listen((message) => {
        if (message.type === 'reading' && shown.current.has(message.reading.personId ?? '') && isChartable(message.reading.metric)) markOnce('hearth:first-live-reading');
      }),
    [],
  );

  // The most severe first (the alerts' own order), so a tile names the alert that matters most.
  const open = alerts.list.value;
  const status = saved !== undefined ? '' : failure !== undefined ? errorText(failure) : people === undefined ? 'Loading the household…' : people.length === 0 ? nobodyText(user) : '';
  return (
    <section class="page">
      <h1>Household</h1>
      {saved !== undefined && <OfflineBanner savedAt={saved.savedAt} onRetry={() => void reload()} />}
      <StatusLine text={status} />
      <div class="tiles">
        {people !== undefined &&
          householdOrder(people, open).map((person) => <PersonTile key={person.id} person={person} alerts={open.filter((a) => a.personId === person.id)} badges={saved === undefined ? tileBadges : []} />)}
      </div>
    </section>
  );
}
