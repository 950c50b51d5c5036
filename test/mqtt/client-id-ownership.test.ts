import type { MqttClient } from 'mqtt';
import { createConnection } from 'node:net';
import t from 'tap';
import { collect, connect, connectRefusal, startMqttHub, type MqttHub } from './helpers/mqtt-hub.js';

const ALERT = { id: 'al-1', personId: 'alex', severity: 'critical' as const, title: 'Low oxygen', spoken: 'Alex needs attention.', explanation: 'SpO2 below 88%', state: 'raised' as const, ts: Date.now() };

let hub: MqttHub;
t.before(async () => {
  hub = await startMqttHub();
});
t.teardown(() => hub.stop());

/** Resolves with whether the client was closed (by the broker) before `settled` settles. */
function stillConnectedAfter(client: MqttClient, settled: Promise<unknown>): Promise<boolean> {
  const closed = new Promise<boolean>((resolve) => client.once('close', () => resolve(false)));
  return Promise.race([settled.then(() => client.connected), closed]);
}

t.test('a client id in use by one credential cannot be taken by another; the device stays connected', async (t) => {
  const device = await connect(hub.port, { ...(await hub.credential({ name: 'kit-owner', role: 'device', deviceId: 'kit' })), clientId: 'kit-sensor-1' });
  t.teardown(() => device.endAsync());
  const speaker = await hub.credential({ name: 'den-speaker', role: 'speaker' });
  for (let attempt = 1; attempt <= 6; attempt++) {
    const refused = await connectRefusal(hub.port, { ...speaker, clientId: 'kit-sensor-1' });
    t.match(refused.message, /identifier rejected/i, `attempt ${attempt}: refused, identifier rejected`);
  }
  t.ok(await stillConnectedAfter(device, device.publishAsync('hearth/ingest/kit', JSON.stringify({ metric: 'heart_rate', value: 64 }), { qos: 1 })), 'the device was never kicked off');

  // The same credential may reconnect under its own id (a device that restarted): the old connection gives way.
  const owner = await hub.credential({ name: 'kit-owner-2', role: 'device', deviceId: 'kit' });
  const again = await connect(hub.port, { ...owner, clientId: 'kit-sensor-2' });
  const replaced = new Promise<void>((resolve) => again.once('close', () => resolve()));
  const restarted = await connect(hub.port, { ...owner, clientId: 'kit-sensor-2' });
  await replaced;
  t.ok(restarted.connected, 'its own credential takes its id back');
  again.end(true);
  await restarted.endAsync();
});

t.test("a persistent session is resumed only by the credential that made it: Sam never gets Alex's alert", async (t) => {
  const alex = await hub.credential({ name: 'alex-phone', role: 'member', personId: 'alex' });
  const sam = await hub.credential({ name: 'sam-phone', role: 'member', personId: 'sam' });
  const session = { clientId: 'family-tablet', clean: false };
  const first = await connect(hub.port, { ...alex, ...session });
  await first.subscribeAsync('hearth/alex/alerts', { qos: 1 });
  await first.endAsync();
  // Raised while Alex's tablet is away: queued in Alex's session.
  hub.hub.bus.emit('alert.changed', ALERT);
  await new Promise((resolve) => setImmediate(resolve));

  const asSam = await connectRefusal(hub.port, { ...sam, ...session });
  t.match(asSam.message, /identifier rejected/i, 'resuming it with another credential is refused');
  const wipe = await connectRefusal(hub.port, { ...sam, clientId: session.clientId, clean: true });
  t.match(wipe.message, /identifier rejected/i, 'and so is discarding it with a clean session');

  const resumed = await connect(hub.port, { ...alex, ...session });
  const inbox = collect(resumed);
  const delivered = await inbox.next((topic) => topic === 'hearth/alex/alerts');
  t.match(JSON.parse(delivered.payload), { id: 'al-1' }, 'Alex gets the alert queued for the session');
  await resumed.endAsync();
});

t.test('a removed credential leaves no session behind for a later credential to resume', async (t) => {
  const old = await hub.credential({ name: 'old-tablet', role: 'member', personId: 'alex' });
  const session = { clientId: 'hall-tablet', clean: false };
  const first = await connect(hub.port, { ...old, ...session });
  await first.subscribeAsync('hearth/alex/alerts', { qos: 1 });
  await first.endAsync();
  hub.hub.bus.emit('alert.changed', { ...ALERT, id: 'al-2' });
  await new Promise((resolve) => setImmediate(resolve));
  t.ok(hub.part.credentials.remove('old-tablet'));

  const next = await connect(hub.port, { ...(await hub.credential({ name: 'new-tablet', role: 'member', personId: 'alex' })), ...session });
  const inbox = collect(next);
  // Whatever the old session had queued would arrive before the answer to a new subscription.
  await next.subscribeAsync('hearth/status', { qos: 0 });
  await inbox.next((topic) => topic === 'hearth/status');
  t.notOk(inbox.messages.some((m) => m.topic === 'hearth/alex/alerts'), 'nothing queued for the removed credential is delivered');
  await next.endAsync();
});

t.test('a persistent session without a client id is refused, identifier rejected (MQTT-3.1.3-8); a clean one gets an id', async (t) => {
  const device = await hub.credential({ name: 'no-id-device', role: 'device', deviceId: 'no-id' });
  // mqtt.js will not send such a CONNECT, so it goes as bytes.
  t.same([...(await connackFor(hub.port, connectBytes(device.username, device.password, { clean: false })))], [0x20, 0x02, 0x00, 0x02], 'clean session off with an empty client id: CONNACK 2, identifier rejected');
  t.same([...(await connackFor(hub.port, connectBytes(device.username, device.password, { clean: true })))], [0x20, 0x02, 0x00, 0x00], 'clean session on with an empty client id: accepted, the broker names it');
});

/** An MQTT 3.1.1 CONNECT with an empty client id, a username and a password. */
function connectBytes(username: string, password: string, options: { clean: boolean }): Buffer {
  const field = (text: string): Buffer => {
    const bytes = Buffer.from(text, 'utf8');
    return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
  };
  const flags = 0x80 | 0x40 | (options.clean ? 0x02 : 0x00);
  const body = Buffer.concat([field('MQTT'), Buffer.from([0x04, flags, 0x00, 0x3c]), field(''), field(username), field(password)]);
  if (body.length > 127) throw new Error('the test CONNECT needs a one-byte remaining length');
  return Buffer.concat([Buffer.from([0x10, body.length]), body]);
}

/** The first four bytes the broker answers a CONNECT with. */
function connackFor(port: number, connect: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(connect));
    let got = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= 4) {
        socket.destroy();
        resolve(got.subarray(0, 4));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`closed after ${got.length} bytes of CONNACK`)));
  });
}
