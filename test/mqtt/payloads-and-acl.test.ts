import t from 'tap';
import { parseGatewayAdvertisement } from '../../drivers/mqtt/ble-gateway-payload.js';
import { parseIngestPayload } from '../../drivers/mqtt/hearth-ingest-payload.js';
import { PacketSizeScanner } from '../../hub/mqtt/packet-size-scanner.js';
import { canPublish, canSubscribe, filterCovers } from '../../hub/mqtt/topic-acl.js';

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

t.test('ingest payload: canonical and convertible units, refusals with reasons', (t) => {
  t.same(parseIngestPayload(json({ metric: 'body_weight', value: 154, unit: 'lb' })), { ok: true, readings: [{ metric: 'body_weight', value: 154 * 0.45359237 }] });
  t.match(parseIngestPayload(json({ metric: 'glucose', value: 5.5, unit: 'mmol/L', ts: '2024-06-01T08:00:00Z' })), { ok: true, readings: [{ metric: 'glucose', ts: Date.parse('2024-06-01T08:00:00Z') }] });
  t.match(parseIngestPayload(json({ metric: 'heart_rate', value: 70, unit: 'kg' })), { ok: false, reason: 'wrong_unit' });
  t.match(parseIngestPayload(json({ metric: 'ecg', value: 1 })), { ok: false, reason: 'unknown_metric' });
  t.match(parseIngestPayload(json({ metric: 'spo2', value: '97' })), { ok: false, reason: 'invalid_payload' });
  t.match(parseIngestPayload(json({ readings: [] })), { ok: false, reason: 'invalid_payload' });
  t.match(parseIngestPayload(json([1])), { ok: false, reason: 'invalid_payload' });
  t.match(parseIngestPayload(Buffer.from('{')), { ok: false, reason: 'malformed_json' });
  t.match(parseIngestPayload(json({ readings: Array.from({ length: 501 }, () => ({ metric: 'steps', value: 1 })) })), { ok: false, reason: 'too_many_readings' });
  t.end();
});

t.test('gateway payload: raw service data picks the BLE driver; decoded fields become readings', (t) => {
  t.match(parseGatewayAdvertisement(json({ id: 'aa:bb:cc:dd:ee:ff', servicedata: '0226B20705040F0201AC018642', servicedatauuid: '0x181b' }), undefined), {
    ok: true,
    advertisement: { mac: 'AA:BB:CC:DD:EE:FF', raw: { formatId: 'miscale-v2' } },
  });
  t.same(parseGatewayAdvertisement(json({ model_id: 'XMTZC05HM', weight: 165, unit: 'lb', impedance: 500 }), 'AABBCCDDEEFF'), {
    ok: true,
    advertisement: { mac: 'AA:BB:CC:DD:EE:FF', modelId: 'XMTZC05HM', readings: [{ metric: 'impedance', value: 500 }, { metric: 'body_weight', value: 165 * 0.45359237 }] },
  });
  t.match(parseGatewayAdvertisement(json({ weight: 3, weighing_mode: 'object' }), 'AABBCCDDEEFF'), { ok: true, advertisement: { readings: [] } });
  t.match(parseGatewayAdvertisement(json({ tempc: 20 }), 'not-a-mac'), { ok: false, reason: 'invalid_payload' });
  t.end();
});

t.test('ACL: filters are allowed only when every topic they match is', (t) => {
  const rules = { gatewayBaseTopic: 'home' };
  t.ok(filterCovers('hearth/alex/#', 'hearth/alex/+'));
  t.notOk(filterCovers('hearth/alex/#', 'hearth/+/heart_rate'));
  t.notOk(filterCovers('hearth/+', 'hearth/#'));
  const device = { name: 'd', role: 'device' as const, deviceId: 'kit' };
  t.ok(canPublish(device, 'hearth/ingest/kit', rules));
  t.notOk(canPublish(device, 'hearth/ingest/kit/x', rules));
  t.notOk(canPublish(device, 'hearth/alerts/a/ack', rules));
  const gateway = { name: 'g', role: 'gateway' as const, deviceId: 'OMG' };
  t.ok(canPublish(gateway, 'home/OMG/BTtoMQTT/AABBCCDDEEFF', rules));
  t.notOk(canPublish(gateway, 'home/Other/BTtoMQTT/AABBCCDDEEFF', rules));
  const integration = { name: 'i', role: 'integration' as const };
  t.ok(canSubscribe(integration, 'hearth/#', rules));
  t.notOk(canSubscribe(integration, '#', rules));
  t.notOk(canSubscribe(integration, '$SYS/broker/clients', rules));
  t.end();
});

t.test('packet size scanner refuses at the header of an oversized packet, across chunk boundaries', (t) => {
  const scanner = new PacketSizeScanner(1000);
  // PINGREQ (no body), then a PUBLISH of 300 bytes split across chunks.
  t.ok(scanner.feed(Uint8Array.from([0xc0, 0x00, 0x30, 0xac])));
  t.ok(scanner.feed(Uint8Array.from([0x02, ...new Array<number>(150).fill(0)])));
  t.ok(scanner.feed(Uint8Array.from(new Array<number>(150).fill(0))));
  // A PUBLISH announcing 2,000,000 bytes.
  t.notOk(scanner.feed(Uint8Array.from([0x30, 0x80, 0x89, 0x7a])));
  t.end();
});
