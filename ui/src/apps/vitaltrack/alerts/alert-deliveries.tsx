import type { Alert, AlertDelivery } from '../../../api/types.js';
import { formatTime } from '../../../format/freshness.js';

/** The hub's channels in the household's words. */
const CHANNELS: Readonly<Record<string, string>> = {
  mqtt: 'home automation (MQTT)',
  speech: 'the hub’s speaker',
  webhook: 'push notification',
  escalation: 'escalation to caregivers',
};

function channelName(channel: string): string {
  return CHANNELS[channel] ?? channel;
}

/** "notify: no push address…" → "no push address…": which delivery it was matters less than why. */
function reason(detail: string | undefined): string {
  return (detail ?? '').replace(/^(notify|repeat|escalate): /, '');
}

interface ChannelOutcome {
  readonly channel: string;
  readonly told: number;
  readonly lastTold?: number;
  readonly last: AlertDelivery;
}

function byChannel(deliveries: readonly AlertDelivery[]): ChannelOutcome[] {
  const outcomes = new Map<string, ChannelOutcome>();
  for (const delivery of deliveries) {
    const known = outcomes.get(delivery.channel);
    const told = (known?.told ?? 0) + (delivery.outcome === 'told' ? 1 : 0);
    const lastTold = delivery.outcome === 'told' ? delivery.ts : known?.lastTold;
    outcomes.set(delivery.channel, { channel: delivery.channel, told, ...(lastTold !== undefined ? { lastTold } : {}), last: delivery });
  }
  return [...outcomes.values()];
}

/**
 * Who was told of an alert, through what, and where no one was: a channel without a recipient or
 * one that failed is a warning, and an alert only on this dashboard says so.
 */
export function AlertDeliveries({ alert }: { readonly alert: Alert }) {
  if (alert.held) return <p class="deliveries muted">Held for the quiet hours: only on this dashboard until they end.</p>;
  const deliveries = alert.deliveries;
  if (deliveries === undefined) return null;
  const outcomes = byChannel(deliveries);
  const told = outcomes.filter((o) => o.told > 0);
  const problems = outcomes.filter((o) => o.last.outcome !== 'told');
  return (
    <div class="deliveries" data-told={told.map((o) => o.channel).join(' ')}>
      {told.length > 0 ? (
        <p>
          Told through{' '}
          {told.map((o, i) => (
            <span key={o.channel} data-channel={o.channel}>
              {i > 0 ? ', ' : ''}
              {channelName(o.channel)}
              {o.lastTold !== undefined ? ` at ${formatTime(o.lastTold)}` : ''}
              {o.told > 1 ? ` (${o.told} times)` : ''}
            </span>
          ))}
          .
        </p>
      ) : (
        <p class="delivery-problem">No one has been told of this alert beyond this dashboard.</p>
      )}
      {problems.length > 0 && (
        <ul class="delivery-problems">
          {problems.map((o) => (
            <li key={o.channel} class="delivery-problem" data-channel={o.channel} data-outcome={o.last.outcome}>
              {o.last.outcome === 'failed' ? `${capital(channelName(o.channel))} failed: ${reason(o.last.detail)}.` : `${capital(channelName(o.channel))} reached no one: ${reason(o.last.detail)}.`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
