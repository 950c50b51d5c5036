import t from 'tap';
import { ManualClock } from '../../core/clock.js';
import type { Reading } from '../../core/reading.js';
import type { FormatDecoder } from '../../drivers/format.js';
import { EventBus } from '../../hub/bus/event-bus.js';
import type { DeviceStatusEvent, HubEvents } from '../../hub/bus/hub-events.js';
import { DeviceHistoryDedupe } from '../../hub/ingest/device-history-dedupe.js';
import { Ingest } from '../../hub/ingest/ingest.js';
import { IngestGate } from '../../hub/ingest/ingest-gate.js';
import { silentLogger } from '../../hub/log/logger.js';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

function makeIngest(stored = new Set<string>()) {
  const clock = new ManualClock(NOW);
  const bus = new EventBus<HubEvents>();
  const written: Reading[] = [];
  const statuses: DeviceStatusEvent[] = [];
  const seen: [string, string][] = [];
  bus.on('device.status', 'test', (s) => statuses.push(s));
  const gate = new IngestGate({
    clock,
    bus,
    sink: { write: (r) => written.push(r), writeWaveform: () => undefined },
    people: { personFor: (deviceId) => (deviceId === 'kit' ? 'alex' : undefined) },
    duplicates: new DeviceHistoryDedupe((d, m, ts) => stored.has(`${d}|${m}|${ts}`)),
    logger: silentLogger(),
    maxFutureSkewMs: 300_000,
  });
  const ingest = new Ingest({ gate, devices: { noteDeviceSeen: (id, driver) => seen.push([id, driver]) }, bus, logger: silentLogger() });
  return { ingest, written, statuses, seen };
}

t.test('all or nothing: the gate refuses a message whole for one bad reading, and says which and why', async (t) => {
  const { ingest, written, seen } = makeIngest();
  const outcome = ingest.submit(
    { deviceId: 'kit', readings: [{ metric: 'spo2', value: 97 }, { metric: 'spo2', value: 140 }, { metric: 'heart_rate', value: 70, ts: NOW + 3_600_000 }] },
    { take: 'whole', reasons: true, seenVia: 'mqtt' },
  );
  t.match(outcome, {
    accepted: 0,
    rejected: 3,
    refusedWhole: true,
    refused: [
      { index: 1, metric: 'spo2', reason: 'implausible' },
      { index: 2, metric: 'heart_rate', reason: 'timestamp_in_future' },
    ],
  });
  t.equal(outcome.refused?.length, 2, 'the good reading is refused with them, not for itself');
  t.same(written, [], 'nothing of it is stored');
  t.same(seen, [], 'a refused message does not register its device');
  t.same(ingest.stats().rejected.byReason, { implausible: 1, timestamp_in_future: 1 }, 'the gate counts what failed');
});

t.test('all or nothing: re-sent history is no reason to refuse, and blood pressure is judged with its batch', async (t) => {
  const { ingest, written, seen } = makeIngest(new Set([`cuff|bp_systolic|${NOW - 60_000}`]));
  const resent = ingest.submit(
    { deviceId: 'cuff', readings: [{ metric: 'bp_systolic', value: 120, ts: NOW - 60_000 }, { metric: 'pulse_rate', value: 64, ts: NOW - 60_000 }] },
    { take: 'whole', seenVia: 'mqtt' },
  );
  t.same(resent, { accepted: 1, rejected: 1 });
  t.same(seen, [['cuff', 'mqtt']]);
  const inconsistent = ingest.submit(
    { deviceId: 'cuff', readings: [{ metric: 'pulse_rate', value: 66, ts: NOW - 1000 }, { metric: 'bp_systolic', value: 80, ts: NOW - 1000 }, { metric: 'bp_diastolic', value: 85, ts: NOW - 1000 }] },
    { take: 'whole' },
  );
  t.match(inconsistent, { accepted: 0, rejected: 3, refusedWhole: true });
  t.same(written.map((r) => [r.metric, r.value]), [['pulse_rate', 64]]);
});

t.test('one reading sent twice in a batch is taken once', async (t) => {
  const { ingest, written } = makeIngest();
  const ts = NOW - 5000;
  t.same(ingest.submit({ deviceId: 'kit', readings: [{ metric: 'body_weight', value: 70, ts }, { metric: 'body_weight', value: 70, ts }] }, { take: 'whole' }), { accepted: 1, rejected: 1 });
  t.equal(written.length, 1);
  t.same(ingest.submit({ deviceId: 'kit', readings: [{ metric: 'body_weight', value: 70, ts }] }), { accepted: 0, rejected: 1 }, 'and remembered after');
});

t.test('each reading on its own by default, with reasons when asked', async (t) => {
  const { ingest, written } = makeIngest();
  const outcome = ingest.submit({ deviceId: 'kit', readings: [{ metric: 'spo2', value: 97 }, { metric: 'spo2', value: 140 }] }, { reasons: true });
  t.match(outcome, { accepted: 1, rejected: 1, refused: [{ index: 1, reason: 'implausible' }] });
  t.equal(outcome.refusedWhole, undefined);
  t.same(written.map((r) => [r.value, r.personId]), [[97, 'alex']]);
});

t.test('device bytes are decoded by the source’s own decoder first, then the hub’s; bad bytes are counted', async (t) => {
  const { ingest, written, statuses } = makeIngest();
  const heartRate = Uint8Array.of(0x00, 72);
  t.same(ingest.submit({ deviceId: 'kit', formatId: '2a37', bytes: heartRate, at: NOW - 10 }), { accepted: 1, rejected: 0 });
  const own: FormatDecoder = {
    id: '2a37',
    description: 'a vendor variant',
    decode: () => ({ readings: [{ metric: 'heart_rate', value: 99 }], fields: {}, status: [{ code: 'probe_off', message: 'finger out' }] }),
  };
  t.same(ingest.submit({ deviceId: 'kit', formatId: '2a37', bytes: heartRate, at: NOW }, { decoders: new Map([['2a37', own]]) }), { accepted: 1, rejected: 0 });
  t.same(written.map((r) => [r.value, r.ts]), [[72, NOW - 10], [99, NOW]], 'arrival time is the packet’s');
  t.same(statuses.map((s) => [s.deviceId, s.code, s.ts]), [['kit', 'probe_off', NOW]], 'what the device says of itself goes onto the bus');
  const broken = ingest.submit({ deviceId: 'kit', formatId: '2a37', bytes: Uint8Array.of(), at: NOW });
  t.equal(broken.accepted, 0);
  t.type(broken.undecodable, 'string');
  t.match(ingest.submit({ deviceId: 'kit', formatId: 'no-such-format', bytes: heartRate, at: NOW }), { undecodable: /no decoder/ });
  t.equal(ingest.stats().undecodable, 2);
});
