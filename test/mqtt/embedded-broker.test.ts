import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { MqttClient } from 'mqtt';
import t from 'tap';
import { makeDeviceId } from '../../core/device-id.js';
import { DATABASE_FILE } from '../../hub/store/database-file.js';
import { closedByBroker, collect, connect, connectRefusal, GATEWAY_HEARD_MAC, runTool, startMqttHub, type MqttHub } from './helpers/mqtt-hub.js';

/** Counts committed rows through a separate connection: what is there survives a crash of the hub. */
function committedReadings(dataDir: string, deviceId: string): { metric: string; value: number }[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare('SELECT series.metric AS metric, sample.value AS value FROM sample JOIN series ON series.id = sample.series_id WHERE series.device_id = ? ORDER BY sample.ts, series.metric')
      .all(deviceId) as { metric: string; value: number }[];
  } finally {
    db.close();
  }
}

function pub(hub: MqttHub, user: { username: string; password: string }, topic: string, message: string, qos = 1): Promise<{ code: number | null; stderr: string }> {
  return runTool('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(hub.port), '-u', user.username, '-P', user.password, '-q', String(qos), '-t', topic, '-m', message]);
}

/** The QoS the broker granted, 128 when it refused the subscription. */
async function granted(client: MqttClient, filter: string): Promise<number[]> {
  return client.subscribeAsync(filter).then(
    (grants) => grants.map((g) => g.qos),
    () => [128],
  );
}

let hub: MqttHub;
t.before(async () => {
  hub = await startMqttHub();
});
t.teardown(() => hub.stop());

t.test('anonymous and wrong-password connects are refused', async (t) => {
  const kit = await hub.credential({ name: 'kit-sensor', role: 'device', deviceId: 'kit' });
  const anonymous = await connectRefusal(hub.port);
  t.match(anonymous.message, /not authorized/i);
  const wrong = await connectRefusal(hub.port, { username: kit.username, password: `${kit.password}x` });
  t.match(wrong.message, /bad username or password/i);
  const unknown = await connectRefusal(hub.port, { username: 'nobody', password: kit.password });
  t.match(unknown.message, /bad username or password/i);
  const tool = await runTool('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(hub.port), '-u', kit.username, '-P', 'guess', '-t', 'hearth/ingest/kit', '-m', '{}']);
  t.not(tool.code, 0, 'mosquitto_pub fails with a wrong password');
  const right = await connect(hub.port, kit);
  t.ok(right.connected, 'the right secret connects');
  await right.endAsync();
});

t.test('a QoS 1 reading is committed before its PUBACK and appears on the live topic', async (t) => {
  const device = await hub.credential({ name: 'kit-qos1', role: 'device', deviceId: 'kit' });
  const reader = await connect(hub.port, await hub.credential({ name: 'dashboard-1', role: 'integration' }));
  t.teardown(() => reader.endAsync());
  const inbox = collect(reader);
  await reader.subscribeAsync('hearth/#', { qos: 0 });
  const before = committedReadings(hub.dataDir, 'kit').length;
  const sent = await pub(hub, device, 'hearth/ingest/kit', JSON.stringify({ metric: 'heart_rate', value: 71, unit: 'bpm' }));
  t.equal(sent.code, 0, sent.stderr);
  // mosquitto_pub exits after the PUBACK: the reading must already be on disk.
  t.same(committedReadings(hub.dataDir, 'kit').slice(before), [{ metric: 'heart_rate', value: 71 }]);
  const live = await inbox.next((topic) => topic === 'hearth/alex/heart_rate');
  t.match(JSON.parse(live.payload), { metric: 'heart_rate', value: 71, unit: 'bpm', deviceId: 'kit', personId: 'alex' });
  t.notOk(inbox.messages.some((m) => m.topic.startsWith('hearth/ingest/')), 'raw ingest messages are not forwarded to readers');
});

t.test('a batch in a convertible unit is stored in the canonical unit, with device times', async (t) => {
  const device = await hub.credential({ name: 'cuff-1', role: 'device', deviceId: 'cuff' });
  const ts = Date.now() - 60_000;
  const message = { readings: [
    { metric: 'bp_systolic', value: 16, unit: 'kPa', ts },
    { metric: 'bp_diastolic', value: 10.7, unit: 'kPa', ts },
    { metric: 'body_temperature', value: 98.6, unit: '°F', ts: new Date(ts).toISOString() },
  ] };
  const client = await connect(hub.port, device);
  await client.publishAsync('hearth/ingest/cuff', JSON.stringify(message), { qos: 1 });
  await client.endAsync();
  t.same(committedReadings(hub.dataDir, 'cuff'), [
    { metric: 'body_temperature', value: 37 },
    { metric: 'bp_diastolic', value: 80 },
    { metric: 'bp_systolic', value: 120 },
  ]);
});

t.test('bad messages are refused whole, counted by reason, and the device stays connected', async (t) => {
  const device = await hub.credential({ name: 'kit-bad', role: 'device', deviceId: 'kit' });
  const client = await connect(hub.port, device);
  t.teardown(() => client.endAsync());
  const stored = committedReadings(hub.dataDir, 'kit').length;
  const before = hub.part.figures().refused.byReason;
  await client.publishAsync('hearth/ingest/kit', '{"metric": "heart_rate", "value": 7', { qos: 1 });
  await client.publishAsync('hearth/ingest/kit', JSON.stringify({ metric: 'body_weight', value: 70, unit: 'stone' }), { qos: 1 });
  await client.publishAsync('hearth/ingest/kit', JSON.stringify({ metric: 'heartrate', value: 70 }), { qos: 1 });
  await client.publishAsync('hearth/ingest/kit', JSON.stringify({ readings: [{ metric: 'spo2', value: 97 }, { metric: 'spo2', value: 140 }] }), { qos: 1 });
  await client.publishAsync('hearth/ingest/kit', JSON.stringify({ metric: 'steps', value: 10, note: 'x'.repeat(16_500) }), { qos: 1 });
  const after = hub.part.figures().refused.byReason;
  const delta = (reason: keyof typeof after): number => (after[reason] ?? 0) - (before[reason] ?? 0);
  t.equal(delta('malformed_json'), 1);
  t.equal(delta('wrong_unit'), 1);
  t.equal(delta('unknown_metric'), 1);
  t.equal(delta('rejected_by_gate'), 1, 'one implausible value refuses its whole message');
  t.equal(delta('oversized'), 1);
  t.equal(committedReadings(hub.dataDir, 'kit').length, stored, 'nothing of them was stored');
  t.ok(client.connected, 'a refused message does not cost the connection');
  await client.publishAsync('hearth/ingest/kit', JSON.stringify({ metric: 'spo2', value: 97 }), { qos: 1 });
  t.equal(committedReadings(hub.dataDir, 'kit').length, stored + 1);
});

t.test('a QoS 1 message beyond the payload limit is acknowledged, dropped and counted; the device stays connected', async (t) => {
  const device = await hub.credential({ name: 'kit-huge', role: 'device', deviceId: 'kit' });
  const client = await connect(hub.port, device);
  t.teardown(() => client.endAsync());
  const stored = committedReadings(hub.dataDir, 'kit').length;
  const before = hub.part.figures().refused.byReason.oversized ?? 0;
  const counted = (): number => (hub.hub.health().ingest['rejected'] as { byReason: Record<string, number> }).byReason['oversized'] ?? 0;
  const countedBefore = counted();
  const closed = new Promise<string>((resolve) => client.once('close', () => resolve('closed')));
  // Without an answer, a device resends an unacknowledged QoS 1 message on every reconnect, for ever.
  for (const qos of [1, 2] as const) {
    const answered = client.publishAsync('hearth/ingest/kit', Buffer.alloc(4 * 1024 * 1024, 0x20), { qos }).then(() => 'acknowledged');
    t.equal(await Promise.race([answered, closed]), 'acknowledged', `QoS ${qos}: answered, the connection kept`);
  }
  t.equal((hub.part.figures().refused.byReason.oversized ?? 0) - before, 2);
  t.equal(counted() - countedBefore, 2, 'counted with the hub\'s refusals');
  t.equal(committedReadings(hub.dataDir, 'kit').length, stored, 'nothing of it was stored');
  await client.publishAsync('hearth/ingest/kit', JSON.stringify({ metric: 'spo2', value: 96 }), { qos: 1 });
  t.equal(committedReadings(hub.dataDir, 'kit').length, stored + 1, 'the next message is taken as usual');
});

t.test('any other packet far beyond the limit closes the connection at its header', async (t) => {
  const integration = await hub.credential({ name: 'big-subscriber', role: 'integration' });
  const client = await connect(hub.port, integration);
  const closed = closedByBroker(client);
  client.subscribe(`hearth/${'x'.repeat(40_000)}`);
  await closed;
  client.end(true);
  const again = await connect(hub.port, integration);
  t.ok(again.connected, 'the broker still serves');
  await again.endAsync();
});

t.test('topic ACLs', async (t) => {
  const kit = await hub.credential({ name: 'kit-acl', role: 'device', deviceId: 'kit' });
  const stored = committedReadings(hub.dataDir, 'cuff').length;
  const impostor = await connect(hub.port, kit);
  const closed = closedByBroker(impostor);
  impostor.publish('hearth/ingest/cuff', JSON.stringify({ metric: 'heart_rate', value: 60 }), { qos: 1 });
  await closed;
  impostor.end(true);
  t.equal(committedReadings(hub.dataDir, 'cuff').length, stored, "a device cannot publish as another device");

  const speaker = await connect(hub.port, await hub.credential({ name: 'kitchen-speaker', role: 'speaker' }));
  t.teardown(() => speaker.endAsync());
  t.same(await granted(speaker, 'hearth/alerts'), [0], 'a speaker reads alerts');
  t.same(await granted(speaker, 'hearth/alex/#'), [128], 'a speaker does not read readings');
  t.same(await granted(speaker, 'hearth/+/reminders'), [0], 'a speaker reads reminders (who and when, never what)');
  t.same(await granted(speaker, 'hearth/alex/reminders'), [0]);
  t.same(await granted(speaker, 'hearth/alex/energy_intake'), [128], 'but not what anyone ate');
  t.same(await granted(speaker, '#'), [128]);

  const member = await connect(hub.port, await hub.credential({ name: 'alex-phone', role: 'member', personId: 'alex' }));
  t.teardown(() => member.endAsync());
  t.same(await granted(member, 'hearth/alex/#'), [0], 'a member reads their own topics');
  t.same(await granted(member, 'hearth/sam/heart_rate'), [128], "not someone else's");
  t.same(await granted(member, 'hearth/+/heart_rate'), [128], 'nor through a wildcard');

  const integration = await connect(hub.port, await hub.credential({ name: 'node-red', role: 'integration' }));
  t.teardown(() => integration.endAsync());
  t.same(await granted(integration, '$SYS/#'), [128], '$SYS is closed');
  t.same(await granted(integration, 'hearth/ingest/kit'), [128], 'raw ingest is closed');

  const denied = await runTool('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(hub.port), '-u', 'kitchen-speaker', '-P', 'wrong', '-t', 'hearth/alerts', '-C', '1', '-W', '3']);
  t.not(denied.code, 0);
});

t.test('a deeply nested topic does not crash the broker', async (t) => {
  const integration = await hub.credential({ name: 'deep', role: 'integration' });
  const client = await connect(hub.port, integration);
  const closed = closedByBroker(client);
  client.publish(`hearth/${'a/'.repeat(5000)}x`, 'deep', { qos: 0 });
  await closed;
  client.end(true);
  const second = await connect(hub.port, integration);
  const granted = await second.subscribeAsync(`hearth/${'+/'.repeat(500)}#`).catch(() => [{ qos: 128 }]);
  t.ok(granted.every((g) => g.qos === 128), 'a deep subscription is refused');
  second.end(true);
  const third = await connect(hub.port, integration);
  t.ok(third.connected, 'the broker still serves');
  await third.endAsync();
});

t.test('alerts reach speakers with spoken text; an allowed client can acknowledge over MQTT', async (t) => {
  const speaker = await connect(hub.port, await hub.credential({ name: 'hall-speaker', role: 'speaker' }));
  const inbox = collect(speaker);
  await speaker.subscribeAsync('hearth/alerts', { qos: 1 });
  const alert = { id: 'a1', personId: 'alex', severity: 'critical' as const, title: 'Low oxygen', spoken: 'Alex needs attention: oxygen is low.', explanation: 'SpO2 below 88% for 5 minutes', state: 'active' as const, ts: Date.now() };
  hub.hub.bus.emit('alert.changed', alert);
  const heard = await inbox.next((topic) => topic === 'hearth/alerts');
  t.same(JSON.parse(heard.payload), alert);

  const requests: unknown[] = [];
  hub.hub.bus.on('alert.ack.requested', 'test', (r) => requests.push(r));
  const member = await connect(hub.port, await hub.credential({ name: 'sam-phone', role: 'member', personId: 'sam' }));
  await member.publishAsync('hearth/alerts/a1/ack', '', { qos: 1 });
  await member.endAsync();
  t.same(requests, [], "a member cannot acknowledge someone else's alert");
  const carer = await connect(hub.port, await hub.credential({ name: 'alex-carer', role: 'member', personId: 'alex' }));
  await carer.publishAsync('hearth/alerts/a1/ack', '', { qos: 1 });
  await carer.endAsync();
  t.same(requests, [{ alertId: 'a1', by: 'alex-carer', channel: 'mqtt' }]);

  const closed = closedByBroker(speaker);
  speaker.publish('hearth/alerts/a1/ack', '', { qos: 1 });
  await closed;
  speaker.end(true);
  t.equal(requests.length, 1, 'a speaker may not acknowledge');
});

t.test('a remote BLE gateway extends the hub: raw advertisements go through the BLE drivers', async (t) => {
  const gateway = await hub.credential({ name: 'theengs-bedroom', role: 'gateway', deviceId: 'TheengsGateway' });
  const discovered: string[] = [];
  hub.hub.bus.on('device.discovered', 'test-gw', (d) => discovered.push(d.deviceId));
  t.teardown(() => hub.hub.bus.removeOwner('test-gw'));
  const mac = GATEWAY_HEARD_MAC.replace(/:/g, '');
  // Theengs Gateway's raw form: BTHome v2 service data (25.06 °C, 50.55 %).
  const raw = { id: GATEWAY_HEARD_MAC, rssi: -70, servicedata: '4002ca0903bf13', servicedatauuid: '0xfcd2' };
  t.equal((await pub(hub, gateway, `home/TheengsGateway/BTtoMQTT/${mac}`, JSON.stringify(raw))).code, 0);
  // OpenMQTTGateway's decoded form, from a neighbour's device the household does not own.
  t.equal((await pub(hub, gateway, 'home/TheengsGateway/BTtoMQTT/112233445566', JSON.stringify({ id: '11:22:33:44:55:66', tempc: 21, hum: 40 }))).code, 0);
  t.same(committedReadings(hub.dataDir, makeDeviceId('ble', GATEWAY_HEARD_MAC)), [
    { metric: 'ambient_humidity', value: 50.6 },
    { metric: 'ambient_temperature', value: 25.06 },
  ]);
  t.same(committedReadings(hub.dataDir, 'ble:11:22:33:44:55:66'), [], "a neighbour's device is not stored");
  t.same(discovered, ['ble:11:22:33:44:55:66'], 'but it is offered for pairing, under the id the radio gives it');
  const before = hub.part.figures().refused.byReason.not_authorized ?? 0;
  const client = await connect(hub.port, gateway);
  const closed = closedByBroker(client);
  client.publish('home/OtherGateway/BTtoMQTT/112233445566', JSON.stringify(raw), { qos: 1 });
  await closed;
  client.end(true);
  t.equal((hub.part.figures().refused.byReason.not_authorized ?? 0) - before, 1, 'a gateway publishes only under its own name');
});
