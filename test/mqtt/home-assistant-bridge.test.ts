import t from 'tap';
import { freePort } from '../helpers/hub-process.js';
import { collect, connect, startMqttHub } from './helpers/mqtt-hub.js';
import { TestMosquitto } from './helpers/mosquitto.js';

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

t.setTimeout(120_000);

t.test('Home Assistant discovery and readings reach the household broker; a broker outage loses nothing', async (t) => {
  const port = await freePort();
  const mosquitto = new TestMosquitto(port);
  await mosquitto.start();
  t.teardown(() => mosquitto.stop());
  // A Home Assistant stand-in with a persistent session, so that it misses nothing while the broker restarts.
  const ha = await connect(port, { clientId: 'home-assistant-stand-in', clean: false });
  t.teardown(() => ha.end(true));
  const inbox = collect(ha);
  await ha.subscribeAsync(['homeassistant/#', 'hearth/#'], { qos: 1 });

  const hub = await startMqttHub({ homeAssistant: { enabled: true, url: `mqtt://127.0.0.1:${port}`, username: '', discoveryPrefix: 'homeassistant', queueMaxMessages: 1000 } });
  t.teardown(() => hub.stop());
  const ingest = hub.hub.context.ingest;
  ingest.submit({ deviceId: 'kit', readings: [{ metric: 'heart_rate', value: 64 }, { metric: 'battery', value: 80 }] });

  const discovery = await inbox.next((topic) => topic === 'homeassistant/sensor/hearth_alex_heart_rate/config');
  t.match(JSON.parse(discovery.payload), { unique_id: 'hearth_alex_heart_rate', state_topic: 'hearth/alex/heart_rate', unit_of_measurement: 'bpm', device: { name: 'Alex' } });
  await inbox.next((topic) => topic === 'homeassistant/binary_sensor/hearth_sam_alert/config');
  await inbox.next((topic) => topic === 'homeassistant/sensor/hearth_device_kit_battery/config');
  const live = await inbox.next((topic) => topic === 'hearth/alex/heart_rate');
  t.match(JSON.parse(live.payload), { metric: 'heart_rate', value: 64 });
  await inbox.next((topic) => topic === 'hearth/devices/kit/battery');

  const configsBefore = inbox.messages.filter((m) => m.topic.endsWith('/config')).length;
  await ha.publishAsync('homeassistant/status', 'online', { qos: 1 });
  await until('discovery published again after Home Assistant restarted', () => inbox.messages.filter((m) => m.topic.endsWith('/config')).length >= 2 * configsBefore);

  await mosquitto.stop();
  const values = Array.from({ length: 30 }, (_, i) => 60 + i);
  const base = Date.now() - 600_000;
  for (const [i, value] of values.entries()) ingest.submit({ deviceId: 'cuff', readings: [{ metric: 'heart_rate', value, ts: base + i * 1000 }] });
  hub.hub.bus.emit('alert.changed', { id: 'a9', personId: 'sam', severity: 'warning', title: 'High heart rate', spoken: 'Sam, your heart rate is high.', explanation: 'above 150 bpm at rest', state: 'active', ts: Date.now() });
  await until('the outage queued on disk', () => hub.part.figures().homeAssistantQueued === values.length + 2);

  await mosquitto.start();
  ha.reconnect();
  await until('the queue drained', () => hub.part.figures().homeAssistantQueued === 0, 90_000);
  await until('every queued reading arrived', () => inbox.messages.filter((m) => m.topic === 'hearth/sam/heart_rate').length >= values.length, 30_000).catch((error: unknown) => {
    t.comment(`stand-in connected: ${ha.connected}; received ${inbox.messages.length}: ${JSON.stringify(inbox.messages.slice(-8).map((m) => m.topic))}`);
    throw error;
  });
  const received = inbox.messages.filter((m) => m.topic === 'hearth/sam/heart_rate').map((m) => (JSON.parse(m.payload) as { value: number }).value);
  t.same([...new Set(received)].sort((a, b) => a - b), values, 'no queued reading was lost');
  const alert = await inbox.next((topic) => topic === 'hearth/sam/alerts');
  t.match(JSON.parse(alert.payload), { id: 'a9', severity: 'warning', spoken: 'Sam, your heart rate is high.' });
});

t.test('each entity is announced once: a new metric adds only its own config, Home Assistant coming online gets them all again; occasional readings are retained', async (t) => {
  const port = await freePort();
  const mosquitto = new TestMosquitto(port);
  await mosquitto.start();
  t.teardown(() => mosquitto.stop());
  const ha = await connect(port, { clientId: 'home-assistant-announcements' });
  t.teardown(() => ha.end(true));
  const inbox = collect(ha);
  await ha.subscribeAsync(['homeassistant/#', 'hearth/#'], { qos: 1 });
  // Some installs retain Home Assistant's birth message: an old `online` is not a restart.
  await ha.publishAsync('homeassistant/status', 'online', { qos: 1, retain: true });
  const configs = (): string[] => inbox.messages.filter((m) => m.topic.endsWith('/config')).map((m) => m.topic.split('/')[2] ?? '');

  const hub = await startMqttHub({ homeAssistant: { enabled: true, url: `mqtt://127.0.0.1:${port}`, username: '', discoveryPrefix: 'homeassistant', queueMaxMessages: 1000 } });
  t.teardown(() => hub.stop());
  const ingest = hub.hub.context.ingest;
  ingest.submit({ deviceId: 'kit', readings: [{ metric: 'heart_rate', value: 64 }] });
  await inbox.next((topic) => topic === 'hearth/alex/heart_rate');
  await until('the first announcements', () => ['hearth_alex_heart_rate', 'hearth_alex_alert', 'hearth_sam_alert'].every((id) => configs().includes(id)));
  const first = configs().length;

  // Discovery goes out before the reading that caused it, on the same connection, so it has arrived once the reading has.
  ingest.submit({ deviceId: 'kit', readings: [{ metric: 'body_weight', value: 70.2 }, { metric: 'heart_rate', value: 66 }] });
  await inbox.next((topic) => topic === 'hearth/alex/body_weight');
  t.same(configs().slice(first), ['hearth_alex_body_weight'], 'only the new entity is announced');
  ingest.submit({ deviceId: 'kit', readings: [{ metric: 'body_weight', value: 70.1 }, { metric: 'ecg', value: 120 }] });
  await until('the second weighing', () => inbox.messages.filter((m) => m.topic === 'hearth/alex/body_weight').length === 2);
  t.equal(configs().length, first + 1, 'readings of announced entities and of waveforms announce nothing');

  const entities = [...new Set(configs())].sort();
  await ha.publishAsync('homeassistant/status', 'online', { qos: 1 });
  await until('every entity announced again', () => entities.every((id) => configs().filter((c) => c === id).length === 2));
  t.same([...new Set(configs())].sort(), entities, 'the same entities, each once more');

  hub.hub.bus.emit('alert.changed', { id: 'a1', personId: 'alex', severity: 'warning', title: 'Fever', spoken: 'Alex has a fever.', explanation: 'above 38 °C', state: 'notified', ts: Date.now() });
  await inbox.next((topic) => topic === 'hearth/alex/alerts');

  const later = await connect(port, { clientId: 'home-assistant-after-restart' });
  t.teardown(() => later.end(true));
  const kept: { topic: string; retain: boolean; payload: string }[] = [];
  later.on('message', (topic, payload, packet) => kept.push({ topic, retain: packet.retain, payload: payload.toString() }));
  // One SUBSCRIBE: the broker sends what it keeps filter by filter, in order, so a kept pulse or
  // household alert would have arrived before the person's alert.
  await later.subscribeAsync(['hearth/alex/heart_rate', 'hearth/alex/body_weight', 'hearth/alerts', 'hearth/alex/alerts'], { qos: 1 });
  await until('the kept weighing and alert', () => kept.some((m) => m.topic === 'hearth/alex/alerts'));
  t.same(
    kept.map((m) => [m.topic, m.retain]),
    [
      ['hearth/alex/body_weight', true],
      ['hearth/alex/alerts', true],
    ],
    "the last weighing and the person's last alert are kept; the pulse and the household alert topic are not",
  );
  t.match(JSON.parse(kept[0]?.payload ?? '{}'), { metric: 'body_weight', value: 70.1 });
  t.match(JSON.parse(kept[1]?.payload ?? '{}'), { id: 'a1', state: 'notified' });
});
