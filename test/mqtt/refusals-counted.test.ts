import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { apiPartFactory } from '../../hub/api/api-part.js';
import { readRejectionTotals } from '../../hub/ingest/rejection-ledger.js';
import { observabilityPartFactory } from '../../hub/observability/observability-part.js';
import { DATABASE_FILE } from '../../hub/store/database-file.js';
import { ApiClient, onboardOwner, TEST_SCRYPT } from '../api/api-harness.js';
import { sample } from '../appliance/appliance-hub.js';
import { closedByBroker, connect, GATEWAY_HEARD_MAC, startMqttHub } from './helpers/mqtt-hub.js';

const PRIVATE_TEXT = 'hr=143;spo2=91;name=Zephyrine';

/** Every refusal the hub has counted, from the sum of one Prometheus counter's series. */
function metricTotal(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

t.test('refusals from MQTT devices, gateways and HTTP all reach the same counters: on disk, /health and /metrics', async (t) => {
  const hub = await startMqttHub({}, { consumers: [apiPartFactory({ scryptCost: TEST_SCRYPT }), observabilityPartFactory({ notifier: { active: false, notify: async () => undefined } })] });
  let stopped = false;
  t.teardown(() => (stopped ? undefined : hub.stop()));
  const base = (hub.hub.listeningAddress ?? '').replace('0.0.0.0', '127.0.0.1');

  const device = await connect(hub.port, await hub.credential({ name: 'kit-counted', role: 'device', deviceId: 'kit' }));
  const send = (message: string | Buffer): Promise<unknown> => device.publishAsync('hearth/ingest/kit', message, { qos: 1 });
  await send(PRIVATE_TEXT); // malformed_json
  await send(JSON.stringify({ metric: 'heart_rate', value: '72' })); // invalid_payload
  await send(JSON.stringify({ metric: 'body_weight', value: 70, unit: 'stone' })); // wrong_unit
  await send(JSON.stringify({ metric: 'heartrate', value: 70 })); // unknown_metric
  await send(JSON.stringify({ readings: Array.from({ length: 501 }, () => ({ metric: 'steps', value: 1 })) })); // too_many_readings
  await send(JSON.stringify({ metric: 'heart_rate', value: 400 })); // implausible
  await send(JSON.stringify({ metric: 'spo2', value: 150 })); // implausible
  await send(JSON.stringify({ readings: [{ metric: 'spo2', value: 97 }, { metric: 'spo2', value: 140 }] })); // implausible, the message refused whole
  await send(Buffer.alloc(20_000, 0x20)); // oversized
  await device.endAsync();
  const impostor = await connect(hub.port, await hub.credential({ name: 'kit-impostor', role: 'device', deviceId: 'kit' }));
  const closed = closedByBroker(impostor);
  impostor.publish('hearth/ingest/cuff', JSON.stringify({ metric: 'heart_rate', value: 60 }), { qos: 1 }); // not_authorized
  await closed;
  impostor.end(true);

  const gateway = await connect(hub.port, await hub.credential({ name: 'theengs-counted', role: 'gateway', deviceId: 'TheengsGateway' }));
  const topic = `home/TheengsGateway/BTtoMQTT/${GATEWAY_HEARD_MAC.replace(/:/g, '')}`;
  const relay = (message: string): Promise<unknown> => gateway.publishAsync(topic, message, { qos: 1 });
  await relay(PRIVATE_TEXT); // malformed_json
  await relay('[1, 2]'); // invalid_payload
  await relay(JSON.stringify({ id: GATEWAY_HEARD_MAC, servicedata: '00', servicedatauuid: '0xfcd2' })); // undecodable: BTHome version 0
  await relay(JSON.stringify({ id: GATEWAY_HEARD_MAC, hum: 150 })); // implausible
  await gateway.endAsync();

  const owner = await onboardOwner(base);
  const { token } = (await owner.post('/api/v1/tokens', { name: 'counted script', scopes: ['ingest'] })).body as { token: string };
  const ingestUrl = `${base}/api/v1/ingest/script-scale`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  t.equal((await fetch(ingestUrl, { method: 'POST', headers, body: PRIVATE_TEXT })).status, 400); // malformed_json
  t.equal((await fetch(ingestUrl, { method: 'POST', headers, body: JSON.stringify({ readings: [{ metric: 'heart_rate', value: 'x' }] }) })).status, 400); // invalid_payload
  const script = new ApiClient(base);
  script.token = token;
  t.match((await script.post('/api/v1/ingest/script-scale', { readings: [{ metric: 'spo2', value: 150 }] })).body, { rejected: 1 }); // implausible

  const expected = { malformed_json: 3, invalid_payload: 3, wrong_unit: 1, unknown_metric: 1, too_many_readings: 1, implausible: 5, oversized: 1, not_authorized: 1, undecodable: 1 };
  const total = Object.values(expected).reduce((a, b) => a + b, 0);
  const health = (await (await fetch(`${base}/api/v1/health`)).json()) as { ingest: { rejected: { total: number; byReason: Record<string, number> } } };
  t.same(health.ingest.rejected.byReason, expected, '/health counts each by reason');
  t.equal(health.ingest.rejected.total, total);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  t.equal(metricTotal(metrics, 'hearth_readings_rejected_total'), total, '/metrics counts every one');
  t.equal(sample(metrics, 'hearth_readings_rejected_total{reason="malformed_json"}'), 3);
  t.notMatch(metrics, /Zephyrine/);

  await hub.stop();
  stopped = true;
  const db = new Database(join(hub.dataDir, DATABASE_FILE), { readonly: true });
  const onDisk = readRejectionTotals(db);
  db.close();
  t.same(onDisk.byReason, expected, 'and so does the ledger on disk');
  t.equal(onDisk.total, total);
});
