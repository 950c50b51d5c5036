import t from 'tap';
import type { MqttClient } from 'mqtt';
import { alertsPart } from '../../hub/alerts/alerts-part.js';
import { personAlertDiscovery } from '../../hub/mqtt/home-assistant/ha-discovery.js';
import { connect, startMqttHub } from './helpers/mqtt-hub.js';
import { renderValueTemplates } from './helpers/jinja.js';

t.setTimeout(60_000);

interface Received {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
}

function received(client: MqttClient): Received[] {
  const messages: Received[] = [];
  client.on('message', (topic, payload, packet) => messages.push({ topic, payload: payload.toString(), retain: packet.retain }));
  return messages;
}

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

t.test("the Health alert sensor follows the alert engine's own alerts: on while open, off once resolved", async (t) => {
  const hub = await startMqttHub(
    {},
    {
      consumers: [alertsPart],
      config: (c) => ({ ...c, alerts: { ...c.alerts, speech: { ...c.alerts.speech, enabled: false }, quietHours: { ...c.alerts.quietHours, enabled: false } } }),
    },
  );
  t.teardown(() => hub.stop());
  const integration = await connect(hub.port, await hub.credential({ name: 'home-assistant', role: 'integration' }));
  t.teardown(() => integration.end(true));
  const messages = received(integration);
  await integration.subscribeAsync('hearth/alex/alerts', { qos: 1 });
  const alexAlerts = (): { id: string; state: string; payload: string }[] =>
    messages.filter((m) => m.topic === 'hearth/alex/alerts').map((m) => ({ ...(JSON.parse(m.payload) as { id: string; state: string }), payload: m.payload }));

  // The fever rule fires at once: the engine raises, notifies, and the hub publishes what it says.
  hub.hub.context.ingest.submit({ deviceId: 'kit', readings: [{ metric: 'body_temperature', value: 39.2 }] });
  await until('the fever alert', () => alexAlerts().length >= 1);
  const alertId = alexAlerts()[0]?.id ?? '';
  await integration.publishAsync(`hearth/alerts/${alertId}/ack`, '', { qos: 1 });
  await until('the acknowledgement', () => alexAlerts().some((a) => a.state === 'acknowledged'));
  hub.hub.context.ingest.submit({ deviceId: 'kit', readings: [{ metric: 'body_temperature', value: 36.8 }] });
  await until('the resolution', () => alexAlerts().some((a) => a.state === 'resolved'));

  const published = alexAlerts();
  t.same(
    published.map((a) => a.state),
    ['notified', 'acknowledged', 'resolved'],
    'the states the engine publishes',
  );
  const config = JSON.parse(personAlertDiscovery('homeassistant', { id: 'alex', name: 'Alex' }).payload) as { value_template: string; state_topic: string };
  t.equal(config.state_topic, 'hearth/alex/alerts');
  const shown = await renderValueTemplates(published.map((a) => ({ template: config.value_template, payload: a.payload })));
  t.same(shown, ['ON', 'ON', 'OFF'], 'Home Assistant shows the problem until the alert is resolved');
});

t.test('occasional readings stay on the embedded broker for a reader that connects later; streamed ones do not', async (t) => {
  const hub = await startMqttHub();
  t.teardown(() => hub.stop());
  const login = await hub.credential({ name: 'dashboard', role: 'integration' });
  const early = await connect(hub.port, login);
  t.teardown(() => early.end(true));
  const live = received(early);
  await early.subscribeAsync('hearth/alex/#', { qos: 1 });
  hub.hub.context.ingest.submit({ deviceId: 'kit', readings: [{ metric: 'heart_rate', value: 64 }, { metric: 'body_weight', value: 70.2 }, { metric: 'bp_systolic', value: 121 }] });
  await until('the readings published', () => live.length >= 3);

  const late = await connect(hub.port, { ...login, clientId: 'late-reader' });
  t.teardown(() => late.end(true));
  const kept = received(late);
  // One SUBSCRIBE: the broker sends what it keeps filter by filter, in order, so a kept pulse would
  // have arrived before the blood pressure.
  await late.subscribeAsync(['hearth/alex/heart_rate', 'hearth/alex/body_weight', 'hearth/alex/bp_systolic'], { qos: 1 });
  await until('the kept readings', () => kept.some((m) => m.topic === 'hearth/alex/bp_systolic'));
  t.same(
    kept.map((m) => [m.topic, m.retain]),
    [
      ['hearth/alex/body_weight', true],
      ['hearth/alex/bp_systolic', true],
    ],
  );
  t.match(JSON.parse(kept[0]?.payload ?? '{}'), { metric: 'body_weight', value: 70.2 });
});
