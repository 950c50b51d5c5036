import { useEffect } from 'preact/hooks';
import { api } from '../../../api/client.js';
import type { LiveMessage, LogbookAnswer, LogbookEntry } from '../../../api/types.js';
import { StatusLine } from '../../../components/status-line.js';
import { useHistory } from '../../../components/use-history.js';
import { useLiveRefresh } from '../../../components/use-live-refresh.js';
import { useRequest } from '../../../components/use-request.js';
import { errorText } from '../../../format/error-text.js';
import { metricDefinition } from '../../../format/metric-format.js';
import { loadPeople, personName } from '../../../state/household.js';
import type { PageProps } from '../../dashboard-app.js';
import { personHref } from '../paths.js';
import { entryKey, LogbookLine } from './logbook-entry.js';

const PAGE = 50;

/** News that belongs in the logbook, and how soon: a streaming metric's hour changes slowly, an alert or a measurement at once. */
function delayFor(personId: string, message: LiveMessage): number | undefined {
  if (message.type === 'reading' && message.reading.personId === personId && message.latest !== true) {
    return metricDefinition(message.reading.metric)?.cadence === 'continuous' ? 15_000 : 1000;
  }
  if (message.type === 'alert' && message.alert.personId === personId) return 500;
  if (message.type === 'device' && message.event !== 'status') return 1000;
  return undefined;
}

function dayLabel(ts: number): string {
  const day = new Date(ts);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (day.toDateString() === today.toDateString()) return 'Today';
  if (day.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return day.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** The entries by the day they fall on, in the order they come. */
function byDay(entries: readonly LogbookEntry[]): { day: string; entries: LogbookEntry[] }[] {
  const days: { day: string; entries: LogbookEntry[] }[] = [];
  for (const entry of entries) {
    const day = dayLabel(entry.ts);
    const last = days[days.length - 1];
    if (last?.day === day) last.entries.push(entry);
    else days.push({ day, entries: [entry] });
  }
  return days;
}

/** A person's logbook: their readings, alerts, acknowledgements and devices' news in one list, newest first, kept current. */
export function LogbookPage({ params }: PageProps) {
  const personId = params['personId'] ?? '';
  const people = useRequest(() => loadPeople());
  const name = people.value === undefined ? '' : personName(people.value, personId);
  const history = useHistory<LogbookEntry>(async (before) => {
    const page = await api.get<LogbookAnswer>(`/people/${encodeURIComponent(personId)}/logbook`, { before, limit: PAGE });
    return { items: page.entries, next: page.next };
  });
  useLiveRefresh((message) => delayFor(personId, message), history.refresh);

  useEffect(() => {
    if (name !== '') document.title = `${name}'s logbook — Hearth`;
  }, [name]);

  const status =
    history.failure !== undefined ? errorText(history.failure) : history.loading && history.items.length === 0 ? 'Loading…' : history.items.length === 0 ? 'Nothing in the logbook yet.' : '';
  return (
    <section class="page logbook">
      <p class="breadcrumb">
        <a href={personHref(personId)}>{name === '' ? 'Back' : name}</a>
      </p>
      <h1>{name === '' ? 'Logbook' : `${name}'s logbook`}</h1>
      <p class="hint">Newest first. What streams (heart rate, oxygen) comes as one line an hour; each measurement, alert and device's news on its own line.</p>
      <StatusLine text={status} />
      {byDay(history.items).map(({ day, entries }) => (
        <section key={day} class="logbook-day" aria-label={day}>
          <h2>{day}</h2>
          <ol class="logbook-list">
            {entries.map((entry) => (
              <LogbookLine key={entryKey(entry)} entry={entry} />
            ))}
          </ol>
        </section>
      ))}
      {history.next !== null && (
        <button type="button" class="logbook-older" disabled={history.loading} onClick={() => void history.older()}>
          {history.loading ? 'Loading…' : 'Older'}
        </button>
      )}
    </section>
  );
}
