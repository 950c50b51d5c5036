import fc from 'fast-check';
import t from 'tap';
import { parseGatewayAdvertisement } from '../../drivers/mqtt/ble-gateway-payload.js';
import { parseIngestPayload } from '../../drivers/mqtt/hearth-ingest-payload.js';
import { PacketFilter, type OversizedPublish } from '../../hub/mqtt/packet-filter.js';
import { canPublish, canSubscribe, filterCovers } from '../../hub/mqtt/topic-acl.js';
import { assertProperty } from '../helpers/property-seed.js';

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

/** One MQTT packet: type byte, remaining length, body. */
function packet(typeByte: number, body: Uint8Array): Uint8Array {
  const length: number[] = [];
  let n = body.length;
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    length.push(byte);
  } while (n > 0);
  return Uint8Array.from([typeByte, ...length, ...body]);
}

function publish(topic: string, payloadBytes: number, qos: 0 | 1 | 2, packetId = 0): Uint8Array {
  const name = Buffer.from(topic);
  const id = qos > 0 ? [packetId >> 8, packetId & 0xff] : [];
  return packet(0x30 | (qos << 1), Uint8Array.from([name.length >> 8, name.length & 0xff, ...name, ...id, ...new Array<number>(payloadBytes).fill(0x41)]));
}

const PINGREQ = Uint8Array.from([0xc0, 0x00]);
const CONNECT = packet(0x10, Uint8Array.from([0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3c, 0x00, 0x01, 0x61]));
const limits = { maxPayloadBytes: 1000, maxOtherPacketBytes: 2024 };

function feedAll(filter: PacketFilter, chunks: readonly Uint8Array[]): { passed: Buffer; oversized: OversizedPublish[]; connects: number; closed: boolean } {
  const passed: Buffer[] = [];
  const oversized: OversizedPublish[] = [];
  let connects = 0;
  for (const chunk of chunks) {
    const out = filter.feed(chunk);
    if (out === undefined) return { passed: Buffer.concat(passed), oversized, connects, closed: true };
    if (out.pass !== undefined) passed.push(Buffer.from(out.pass));
    oversized.push(...out.oversized);
    if (out.connectSeen) connects++;
  }
  return { passed: Buffer.concat(passed), oversized, connects, closed: false };
}

t.test('packet filter: packets within the limit pass untouched, an oversized PUBLISH is taken out and reported', (t) => {
  const small = Buffer.concat([CONNECT, PINGREQ, publish('hearth/ingest/kit', 1000, 1, 7)]);
  const untouched = new PacketFilter(limits).feed(small);
  t.equal(untouched?.pass, small, 'the same chunk, not a copy');
  t.equal(untouched?.connectSeen, true, 'a whole CONNECT is noticed');

  const huge = publish('hearth/ingest/kit', 300_000, 1, 0x1234);
  const stream = Buffer.concat([PINGREQ, huge, PINGREQ]);
  // Split into awkward chunks: inside the header, the topic, the packet id, the payload.
  const cuts = [1, 3, 4, 6, 9, 20, 21, 22, 23, 5000, stream.length - 3, stream.length - 1];
  const chunks = [0, ...cuts].map((from, k) => stream.subarray(from, cuts[k] ?? stream.length));
  const result = feedAll(new PacketFilter(limits), chunks);
  t.same([...result.passed], [...PINGREQ, ...PINGREQ], 'the broker sees the packets around it, none of it');
  t.same(result.oversized, [{ qos: 1, packetId: 0x1234, topic: 'hearth/ingest/kit', payloadBytes: 300_000 }]);

  t.same(feedAll(new PacketFilter(limits), [publish('a/b', 1001, 0)]).oversized, [{ qos: 0, topic: 'a/b', payloadBytes: 1001 }], 'QoS 0 has no packet id');
  t.same(feedAll(new PacketFilter(limits), [publish('a/b', 1001, 2, 9)]).oversized, [{ qos: 2, packetId: 9, topic: 'a/b', payloadBytes: 1001 }]);
  t.same(feedAll(new PacketFilter(limits), [publish('a/b', 1000, 2, 9)]).oversized, [], 'exactly at the limit passes');

  const subscribe = packet(0x82, new Uint8Array(3000));
  t.equal(new PacketFilter(limits).feed(subscribe.subarray(0, 3)), undefined, 'any other oversized packet closes at its header');
  t.equal(new PacketFilter(limits).feed(Uint8Array.from([0x30, 0xff, 0xff, 0xff, 0xff])), undefined, 'a remaining length of five bytes is malformed');
  t.end();
});

t.test('packet filter: whatever the chunking, the broker reads the stream less its oversized PUBLISH packets', (t) => {
  const kinds = fc.oneof(
    fc.constant({ bytes: PINGREQ, dropped: false }),
    fc.constant({ bytes: CONNECT, dropped: false }),
    fc.record({ size: fc.integer({ min: 0, max: 1000 }), qos: fc.constantFrom(0 as const, 1 as const, 2 as const) }).map(({ size, qos }) => ({ bytes: publish('t/x', size, qos, 3), dropped: false })),
    fc.record({ size: fc.integer({ min: 1001, max: 5000 }), qos: fc.constantFrom(0 as const, 1 as const, 2 as const), topic: fc.string({ maxLength: 300 }) }).map(({ size, qos, topic }) => ({ bytes: publish(topic, size, qos, 3), dropped: true })),
  );
  assertProperty(
    t,
    fc.property(fc.array(kinds, { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 40 }), (packets, sizes) => {
      const stream = Buffer.concat(packets.map((p) => p.bytes));
      const chunks: Uint8Array[] = [];
      for (let at = 0, k = 0; at < stream.length; k++) {
        const size = sizes[k % sizes.length] ?? 1;
        chunks.push(stream.subarray(at, at + size));
        at += size;
      }
      const result = feedAll(new PacketFilter(limits), chunks);
      const expected = Buffer.concat(packets.filter((p) => !p.dropped).map((p) => p.bytes));
      return !result.closed && result.passed.equals(expected) && result.oversized.length === packets.filter((p) => p.dropped).length && result.connects > 0 === packets.some((p) => p.bytes === CONNECT);
    }),
  );
  t.end();
});
