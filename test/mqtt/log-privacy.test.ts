import t from 'tap';
import { ManualClock } from '../../core/clock.js';
import { apiPartFactory } from '../../hub/api/api-part.js';
import { HubLogging } from '../../hub/log/logger.js';
import { onboardOwner, TEST_SCRYPT } from '../api/api-harness.js';
import { connect, connectRefusal, GATEWAY_HEARD_MAC, startMqttHub } from './helpers/mqtt-hub.js';

/** Someone's values and name, as a broken device might send them. */
const PRIVATE_TEXT = 'hr=143;spo2=91;name=Zephyrine';
const PRIVATE_BYTES = Buffer.from(PRIVATE_TEXT);
const FORBIDDEN = ['Zephyrine', 'hr=143', 'spo2=91', PRIVATE_BYTES.toString('hex'), PRIVATE_BYTES.toString('base64'), PRIVATE_BYTES.subarray(0, 12).toString('hex')];

interface LogLine {
  readonly msg: string;
  readonly level: number;
  readonly [field: string]: unknown;
}

/** Every line the hub logs, at every level, kept for the test to read. */
function capturedLogging(): { logging: HubLogging; lines: () => LogLine[]; text: () => string } {
  const written: string[] = [];
  const logging = new HubLogging({ level: 'trace', destination: { write: (line: string) => void written.push(line) } });
  return { logging, lines: () => written.map((l) => JSON.parse(l) as LogLine), text: () => written.join('') };
}

t.test('malformed payloads through every way in leave nothing of themselves in the log: reason, length and digest only', async (t) => {
  const log = capturedLogging();
  const hub = await startMqttHub({}, { logging: log.logging, consumers: [apiPartFactory({ scryptCost: TEST_SCRYPT })] });
  t.teardown(() => hub.stop());

  // MQTT ingest: not JSON, and JSON whose keys, metric, unit and time carry the text.
  const device = await connect(hub.port, await hub.credential({ name: 'kit-private', role: 'device', deviceId: 'kit' }));
  for (const message of [
    PRIVATE_TEXT,
    `{"metric": "heart_rate", "value": 143, "note": "${PRIVATE_TEXT}"`,
    JSON.stringify({ metric: 'heart_rate', value: 143, [PRIVATE_TEXT]: 1 }),
    JSON.stringify({ metric: PRIVATE_TEXT, value: 143 }),
    JSON.stringify({ metric: 'heart_rate', value: 143, unit: PRIVATE_TEXT }),
    JSON.stringify({ metric: 'heart_rate', value: 143, ts: `2024-13-45T${PRIVATE_TEXT}` }),
    JSON.stringify({ readings: [{ metric: 'spo2', value: 91 }, { metric: PRIVATE_TEXT, value: 1 }] }),
  ]) {
    await device.publishAsync('hearth/ingest/kit', message, { qos: 1 });
  }
  await device.endAsync();

  // A BLE gateway: not JSON, a bad address, service data that does not decode.
  const gateway = await connect(hub.port, await hub.credential({ name: 'gw-private', role: 'gateway', deviceId: 'TheengsGateway' }));
  const topic = `home/TheengsGateway/BTtoMQTT/${GATEWAY_HEARD_MAC.replace(/:/g, '')}`;
  for (const message of [
    PRIVATE_TEXT,
    JSON.stringify({ id: PRIVATE_TEXT, tempc: 20 }),
    JSON.stringify({ id: GATEWAY_HEARD_MAC, servicedata: PRIVATE_BYTES.toString('hex'), servicedatauuid: '0xfcd2' }),
    JSON.stringify({ id: GATEWAY_HEARD_MAC, servicedata: PRIVATE_BYTES.toString('hex'), servicedatauuid: '0x181d' }),
  ]) {
    await gateway.publishAsync(topic, message, { qos: 1 });
  }
  await gateway.endAsync();

  // HTTP ingest: not JSON, and JSON of the wrong shape.
  const base = (hub.hub.listeningAddress ?? '').replace('0.0.0.0', '127.0.0.1');
  const owner = await onboardOwner(base);
  const { token } = (await owner.post('/api/v1/tokens', { name: 'private script', scopes: ['ingest'] })).body as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  for (const body of [PRIVATE_TEXT, JSON.stringify({ readings: [{ metric: 'heart_rate', value: 143, name: PRIVATE_TEXT }] }), JSON.stringify({ readings: [{ metric: PRIVATE_TEXT, value: 143 }] })]) {
    t.equal((await fetch(`${base}/api/v1/ingest/script-scale`, { method: 'POST', headers, body })).status, 400);
  }

  // What the radio and the serial ports hand over: bytes in a device format that do not decode.
  for (const formatId of ['2a37', '2a5f', 'contec-v7', 'nonin-df2', 'no-such-format']) hub.hub.context.ingest.submit({ deviceId: 'kit', formatId, bytes: PRIVATE_BYTES, at: Date.now() });

  const text = log.text();
  for (const forbidden of FORBIDDEN) t.notOk(text.includes(forbidden), `the log holds no "${forbidden}"`);
  const refusedText = log.lines().find((line) => line['reason'] === 'malformed_json' && line['bytes'] === PRIVATE_BYTES.length);
  t.match(refusedText, { msg: 'message refused', via: 'mqtt', bytes: PRIVATE_BYTES.length, digest: /^[0-9a-f]{16}$/ }, 'a refusal says its reason, the length and a digest');
  const digests = log.lines().filter((line) => line['bytes'] === PRIVATE_BYTES.length && line['reason'] === 'malformed_json').map((line) => line['digest']);
  t.ok(digests.length >= 2 && digests.every((d) => d === digests[0]), 'the same bytes show the same digest, whichever way they came');
});

t.test('a client that keeps being refused writes a few lines and then one summary, not a line per attempt', async (t) => {
  const clock = new ManualClock(Date.now());
  const log = capturedLogging();
  const hub = await startMqttHub({}, { logging: log.logging, clock });
  const attempts = 100;
  for (let i = 0; i < attempts; i++) await connectRefusal(hub.port);
  const device = await connect(hub.port, await hub.credential({ name: 'kit-noisy', role: 'device', deviceId: 'kit' }));
  for (let i = 0; i < attempts; i++) await device.publishAsync('hearth/ingest/kit', PRIVATE_TEXT, { qos: 1 });

  const refusedConnects = (): LogLine[] => log.lines().filter((l) => l.msg.startsWith('anonymous MQTT connection refused'));
  const refusedMessages = (): LogLine[] => log.lines().filter((l) => l.msg.startsWith('message refused') && l['source'] === 'hearth/ingest/kit|message|malformed_json');
  t.ok(refusedConnects().length <= 5, `${refusedConnects().length} lines for ${attempts} anonymous connects`);
  t.ok(refusedMessages().length <= 5, `${refusedMessages().length} lines for ${attempts} refused messages`);

  // A minute later the device may be heard again: first the summary of what was held back.
  clock.advance(60_000);
  await device.publishAsync('hearth/ingest/kit', PRIVATE_TEXT, { qos: 1 });
  const shown = refusedMessages().filter((l) => l['suppressed'] === undefined).length - 1;
  t.match(refusedMessages().find((l) => l['suppressed'] !== undefined), { msg: `message refused: ${attempts - shown} more suppressed`, suppressed: attempts - shown });
  await device.endAsync();

  await hub.stop();
  const summary = refusedConnects().find((l) => l['suppressed'] !== undefined);
  const written = refusedConnects().filter((l) => l['suppressed'] === undefined).length;
  t.match(summary, { msg: `anonymous MQTT connection refused: ${attempts - written} more suppressed`, suppressed: attempts - written }, 'the broker says how many it held back when it stops');
});
