import { useState } from 'preact/hooks';
import type { Alert, PersonOverview } from '../../../api/types.js';
import { Age } from '../../../components/age.js';
import { errorText } from '../../../format/error-text.js';
import { formatDateTime } from '../../../format/freshness.js';
import { alerts } from '../../../state/alerts.js';
import { personName } from '../../../state/household.js';
import { AlertDeliveries } from './alert-deliveries.js';

/** What the state means for whoever reads the card; who was told is said beside it, from the deliveries. */
const STATE_WORDS: Record<Alert['state'], string> = { raised: 'New', notified: 'Not acknowledged yet', acknowledged: 'Acknowledged', resolved: 'Resolved' };

interface AlertCardProps {
  readonly alert: Alert;
  readonly people: readonly PersonOverview[];
  /** The card's title sits under the page title (active alerts) or under "History". */
  readonly headingLevel: 2 | 3;
}

/** One alert: what, who, when, its state and who saw it; open ones can be acknowledged here. */
export function AlertCard({ alert, people, headingLevel }: AlertCardProps) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');
  const open = alert.state === 'raised' || alert.state === 'notified';
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const acknowledge = (): void => {
    setSending(true);
    setError('');
    alerts.acknowledge(alert.id).catch((e: unknown) => {
      setSending(false);
      setError(errorText(e));
    });
  };
  return (
    <article class={`card alert-card severity-${alert.severity}`} data-alert-id={alert.id} data-state={alert.state}>
      <p class="alert-meta">
        <span class="severity">{alert.severity}</span> · {personName(people, alert.personId)} · <Age ts={alert.raisedAt} />
      </p>
      <Heading>{alert.title}</Heading>
      {alert.explanation !== undefined && alert.explanation !== '' && <p>{alert.explanation}</p>}
      <p class="muted alert-state">
        {STATE_WORDS[alert.state]}
        {alert.acknowledgedBy !== undefined && alert.acknowledgedBy !== null ? ` by ${alert.acknowledgedBy}` : ''}
        {alert.acknowledgedAt !== undefined && alert.acknowledgedAt !== null ? `, ${formatDateTime(alert.acknowledgedAt)}` : ''}
      </p>
      <AlertDeliveries alert={alert} />
      {open && (
        <button type="button" class="primary ack" disabled={sending} onClick={acknowledge}>
          Acknowledge
        </button>
      )}
      <p class="form-error" role="alert">
        {error}
      </p>
    </article>
  );
}
