import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Alert } from '../api/types.js';
import { href } from '../apps/dashboard-app.js';
import { errorText } from '../format/error-text.js';
import { formatAge } from '../format/freshness.js';
import { alerts } from '../state/alerts.js';
import { playAlertTone } from './alert-tone.js';

/** Alerts the banner lists; a link leads to the rest. */
const SHOWN = 3;
const ALERTS_HREF = href('/alerts');

/**
 * Unacknowledged warnings and critical alerts on top of every page, announced to screen readers,
 * with the page title flagged and a tone for critical ones, so a caregiver cannot miss them.
 */
export function AlertBanner() {
  const pending = alerts.unacknowledged.value.filter((a) => a.severity !== 'info');
  const announced = useRef(new Set<string>());
  const shownIds = pending.map((a) => a.id).join(' ');

  // Before the paint, so the title is flagged as soon as the banner shows; and only when the
  // pending alerts change, since a page may have put its own name in the title meanwhile.
  useLayoutEffect(() => {
    document.title = pending.length > 0 ? `(${pending.length}) Alert — Hearth` : 'Hearth';
    for (const alert of pending) {
      if (announced.current.has(alert.id)) continue;
      announced.current.add(alert.id);
      if (alert.severity === 'critical') playAlertTone();
    }
  }, [shownIds]);

  return (
    <section class="alert-banner" aria-label="Alerts needing attention" hidden={pending.length === 0}>
      {pending.slice(0, SHOWN).map((alert) => (
        <BannerAlert key={alert.id} alert={alert} />
      ))}
      {pending.length > SHOWN && <a href={ALERTS_HREF}>and {pending.length - SHOWN} more</a>}
    </section>
  );
}

function BannerAlert({ alert }: { readonly alert: Alert }) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');
  const acknowledge = (): void => {
    setSending(true);
    alerts.acknowledge(alert.id).catch((e: unknown) => {
      setSending(false);
      setError(errorText(e));
    });
  };
  // The age is written once: a live region that ticks every second would be read out every second.
  return (
    <div class={`banner-alert severity-${alert.severity}`} role="alert">
      <strong>
        {alert.severity === 'critical' ? 'Critical: ' : 'Warning: '}
        {alert.title}
      </strong>
      <span class="muted">{` · ${formatAge(alert.raisedAt)}`}</span>
      <span class="banner-actions">
        <a href={ALERTS_HREF}>Details</a>
        <button type="button" class="ack" disabled={sending} onClick={acknowledge}>
          Acknowledge
        </button>
      </span>
      <span class="form-error">{error}</span>
    </div>
  );
}
