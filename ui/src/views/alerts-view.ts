import { api } from '../api/client.js';
import type { Alert, PersonOverview } from '../api/types.js';
import { alertsStore } from '../alerts-store.js';
import { h, replaceChildren, statusLine } from '../dom.js';
import { formatAge, formatDateTime } from '../format/freshness.js';
import { loadPeople, personName } from '../state/household.js';
import { errorText } from '../format/error-text.js';
import type { View } from './view.js';

const STATE_WORDS: Record<Alert['state'], string> = { raised: 'New', notified: 'Sent', acknowledged: 'Acknowledged', resolved: 'Resolved' };

/** Active alerts to acknowledge, and the history of what was raised and who saw it. */
export function alertsView(): View {
  const status = statusLine('');
  const active = h('div', { class: 'alert-list', 'aria-label': 'Active alerts' });
  const historyList = h('div', { class: 'alert-list', 'aria-label': 'Alert history' });
  const historyStatus = statusLine('');
  let people: readonly PersonOverview[] = [];

  const renderActive = (): void => {
    if (alertsStore.availability === 'unavailable') {
      status.textContent = 'Alerts are not running on this hub yet. Readings are still recorded; alerts will appear here once the alerts engine is on.';
      replaceChildren(active);
      return;
    }
    const alerts = alertsStore.list();
    status.textContent = alertsStore.availability === 'loading' ? 'Loading alerts…' : alerts.length === 0 ? 'Nothing needs attention.' : '';
    replaceChildren(active, ...alerts.map((a) => alertCard(a, people)));
  };
  const loadHistory = (): void => {
    api
      .get<Alert[]>('/alerts', { state: 'all' })
      .then((alerts) => {
        const past = alerts.filter((a) => a.state === 'resolved').sort((a, b) => b.raisedAt - a.raisedAt);
        historyStatus.textContent = past.length === 0 ? 'No past alerts.' : '';
        replaceChildren(historyList, ...past.slice(0, 100).map((a) => alertCard(a, people)));
      })
      .catch((error: unknown) => (historyStatus.textContent = alertsStore.availability === 'unavailable' ? '' : errorText(error)));
  };
  const unsubscribe = alertsStore.subscribe(() => {
    renderActive();
    loadHistory();
  });
  loadPeople()
    .then((household) => (people = household))
    .catch(() => undefined)
    .finally(() => {
      renderActive();
      void alertsStore.refresh().catch((error: unknown) => (status.textContent = errorText(error)));
    });
  const element = h('section', { class: 'page' }, h('h1', {}, 'Alerts'), status, active, h('h2', {}, 'History'), historyStatus, historyList);
  return { element, dispose: unsubscribe };
}

function alertCard(alert: Alert, people: readonly PersonOverview[]): HTMLElement {
  const open = alert.state === 'raised' || alert.state === 'notified';
  const error = h('p', { class: 'form-error', role: 'alert' });
  const ack = open ? h('button', { type: 'button', class: 'primary ack' }, 'Acknowledge') : null;
  ack?.addEventListener('click', () => {
    ack.disabled = true;
    alertsStore.acknowledge(alert.id).catch((e: unknown) => {
      ack.disabled = false;
      error.textContent = errorText(e);
    });
  });
  return h(
    'article',
    { class: `card alert-card severity-${alert.severity}`, 'data-alert-id': alert.id, 'data-state': alert.state },
    h('p', { class: 'alert-meta' }, h('span', { class: 'severity' }, alert.severity), ' · ', personName(people, alert.personId), ' · ', h('span', { 'data-ts': alert.raisedAt, title: formatDateTime(alert.raisedAt) }, formatAge(alert.raisedAt))),
    h('h3', {}, alert.title),
    alert.explanation !== undefined && alert.explanation !== '' ? h('p', {}, alert.explanation) : null,
    h(
      'p',
      { class: 'muted alert-state' },
      STATE_WORDS[alert.state],
      alert.acknowledgedBy !== undefined && alert.acknowledgedBy !== null ? ` by ${alert.acknowledgedBy}` : '',
      alert.acknowledgedAt !== undefined && alert.acknowledgedAt !== null ? `, ${formatDateTime(alert.acknowledgedAt)}` : '',
    ),
    ack,
    error,
  );
}
