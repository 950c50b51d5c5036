import t from 'tap';
import { ManualClock } from '../../core/clock.js';
import type { Speaker } from '../../hub/alerts/espeak-speaker.js';
import { startAlertsHub, type AlertsHub, type AlertsHubOptions } from './helpers/alerts-hub.js';

const MINUTE = 60_000;
const NOON = Date.UTC(2024, 4, 14, 12, 0);
/** A rule every simulated heart beat crosses: an alert at the first reading. */
const WATCH = { heart_rate_watch: { kind: 'threshold' as const, metric: 'heart_rate', above: 25, forSeconds: 0, hysteresis: 0, severity: 'critical' as const, enabled: true } };

interface Delivery {
  channel: string;
  outcome: string;
  detail?: string;
}

async function watchedHub(t: { teardown(fn: () => unknown): void }, options: Partial<AlertsHubOptions> = {}): Promise<{ hub: AlertsHub; clock: ManualClock }> {
  const clock = new ManualClock(NOON);
  const hub = await startAlertsHub({ clock, ...options, alerts: { rules: WATCH, quietHours: { enabled: false, start: '22:00', end: '07:00', hold: [], timeZone: 'UTC' }, ...options.alerts } });
  t.teardown(() => hub.stop());
  return { hub, clock };
}

/** The watch alert's deliveries, as the API lists them. */
async function deliveries(hub: AlertsHub): Promise<Delivery[]> {
  await hub.alerts.settled();
  const view = hub.hub.context.services.alerts.current();
  const listed = (await view?.list({ state: 'open' }, 'all')) ?? [];
  const alert = listed.find((a) => a['rule'] === 'heart_rate_watch');
  return (alert?.['deliveries'] as Delivery[] | undefined) ?? [];
}

const lines = (list: readonly Delivery[]): string[] => list.map((d) => `${d.outcome}:${d.channel}`);

t.test('an alert says what each channel did, and which had no one to tell', async (t) => {
  const { hub, clock } = await watchedHub(t);
  hub.live(5_000);
  const first = await deliveries(hub);
  t.same(lines(first).sort(), ['no_recipient:speech', 'no_recipient:webhook', 'told:mqtt'], 'MQTT heard it; the speaker and push had no one to tell');
  t.match(first.find((d) => d.channel === 'webhook')?.detail, /no push address is set up/, 'push says why');
  t.match(first.find((d) => d.channel === 'speech')?.detail, /no speaker is set up/, 'the speaker says why');

  clock.advance(16 * MINUTE);
  hub.alerts.tick();
  const escalated = await deliveries(hub);
  const escalation = escalated.find((d) => d.channel === 'escalation');
  t.equal(escalation?.outcome, 'no_recipient', 'an escalation to nobody is recorded, not silent');
  t.match(escalation?.detail, /no caregiver account is granted this person and no caregiver push address/);
  t.ok(escalated.some((d) => d.channel === 'webhook' && d.outcome === 'no_recipient' && /escalate/.test(d.detail ?? '')), 'push had no caregiver address to escalate to');
});

t.test('a channel with someone to tell records that it told them', async (t) => {
  const spoken: string[] = [];
  const speaker: Speaker = {
    speak: async (text) => {
      spoken.push(text);
      return { file: 'alert.wav', played: true };
    },
  };
  const pushed: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    pushed.push(input instanceof Request ? input.url : input.toString());
    return new Response('{}', { status: 200 });
  };
  const { hub } = await watchedHub(t, {
    part: { speaker, fetch },
    alerts: { rules: WATCH, webhooks: [{ url: 'https://ntfy.example/household', format: 'ntfy', minSeverity: 'warning' }] },
  });
  hub.live(5_000);
  t.same(lines(await deliveries(hub)).sort(), ['told:mqtt', 'told:speech', 'told:webhook'], 'every channel told someone');
  const raised = hub.alerts.engine.openAlerts().filter((a) => a.rule === 'heart_rate_watch').length;
  t.equal(raised, 2, 'one alert for each of the two people');
  t.equal(spoken.length, raised, 'the speaker said each');
  t.same(new Set(pushed), new Set(['https://ntfy.example/household']), 'the household’s push address got them');
  t.equal(pushed.length, raised, 'one push each');
});
