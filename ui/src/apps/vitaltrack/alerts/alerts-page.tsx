import { useSignalEffect } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../../api/client.js';
import { live } from '../../../api/live-socket.js';
import type { Alert, PersonOverview } from '../../../api/types.js';
import { href, type PageProps } from '../../dashboard-app.js';
import { StatusLine } from '../../../components/status-line.js';
import { useRequest } from '../../../components/use-request.js';
import { errorText } from '../../../format/error-text.js';
import { alerts } from '../../../state/alerts.js';
import { loadPeople } from '../../../state/household.js';
import { AlertCard } from './alert-card.js';

/** Past alerts the page lists at most. */
const HISTORY_LENGTH = 100;
/** Channels report what they did after the change that set them off: the page asks again after this. */
const DELIVERIES_SETTLE_MS = 1500;
/** A push retried with backoff may take minutes: the page asks again this often while it is open. */
const REFRESH_MS = 30_000;

async function loadHistory(): Promise<Alert[]> {
  const all = await api.get<Alert[]>('/alerts', { state: 'all' });
  return all.filter((a) => a.state === 'resolved').sort((a, b) => b.raisedAt - a.raisedAt);
}

/** Active alerts to acknowledge, and the history of what was raised and who saw it. */
export function AlertsPage({ user }: PageProps) {
  // Cards wait for the names, so a card never shows a person's id and then their name.
  const [people, setPeople] = useState<readonly PersonOverview[] | undefined>(undefined);
  const [refreshError, setRefreshError] = useState('');
  const history = useRequest(loadHistory);

  useEffect(() => {
    let mounted = true;
    void loadPeople()
      .catch((): readonly PersonOverview[] => [])
      .then((household) => {
        if (!mounted) return;
        setPeople(household);
        alerts.refresh().catch((error: unknown) => mounted && setRefreshError(errorText(error)));
      });
    return () => {
      mounted = false;
    };
  }, []);

  // What the channels did comes after each change: ask for the open alerts again once they had time.
  useEffect(() => {
    let pending = 0;
    const refresh = (): void => void alerts.refresh().catch(() => undefined);
    const unlisten = live.listen((message) => {
      if (message.type !== 'alert') return;
      window.clearTimeout(pending);
      pending = window.setTimeout(refresh, DELIVERIES_SETTLE_MS);
    });
    const timer = window.setInterval(refresh, REFRESH_MS);
    return () => {
      unlisten();
      window.clearTimeout(pending);
      window.clearInterval(timer);
    };
  }, []);

  // Whatever changes the open alerts (an acknowledgement, one resolving) may add to the history.
  const watching = useRef(false);
  useSignalEffect(() => {
    void alerts.list.value;
    if (watching.current) void history.reload();
    watching.current = true;
  });

  const availability = alerts.availability.value;
  const active = alerts.list.value;
  const status =
    availability === 'unavailable'
      ? 'Alerts are not running on this hub yet. Readings are still recorded; alerts will appear here once the alerts engine is on.'
      : availability === 'loading' && refreshError !== ''
        ? refreshError
        : availability === 'loading' || people === undefined
          ? 'Loading alerts…'
          : active.length === 0
            ? 'Nothing needs attention.'
            : '';
  const past = history.value ?? [];
  const historyStatus = history.failure !== undefined ? (availability === 'unavailable' ? '' : errorText(history.failure)) : history.value !== undefined && past.length === 0 ? 'No past alerts.' : '';

  return (
    <section class="page">
      <h1>Alerts</h1>
      {user.role === 'owner' && (
        <p class="muted small-print">
          Each alert says which channel told someone and which had no one to tell. <a href={href('/settings/alert-channels')}>Set up the alert channels</a>
        </p>
      )}
      <StatusLine text={status} />
      <section class="alert-list" aria-label="Active alerts">
        {people !== undefined && availability !== 'unavailable' && active.map((alert) => <AlertCard key={alert.id} alert={alert} people={people} headingLevel={2} />)}
      </section>
      <h2>History</h2>
      <StatusLine text={historyStatus} />
      <section class="alert-list" aria-label="Alert history">
        {people !== undefined && past.slice(0, HISTORY_LENGTH).map((alert) => <AlertCard key={alert.id} alert={alert} people={people} headingLevel={3} />)}
      </section>
    </section>
  );
}
