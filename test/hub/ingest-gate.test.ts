import t from 'tap';
import type { DecodedReading } from '../../drivers/format.js';
import { EventBus } from '../../hub/bus/event-bus.js';
import type { HubEvents } from '../../hub/bus/hub-events.js';
import { ManualClock } from '../../core/clock.js';
import type { Reading, WaveformBlock } from '../../core/reading.js';
import { DeviceHistoryDedupe } from '../../hub/ingest/device-history-dedupe.js';
import { IngestGate } from '../../hub/ingest/ingest-gate.js';
import { silentLogger } from '../../hub/log/logger.js';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

function makeGate(opts: { stored?: Set<string>; slots?: Record<string, string>; owner?: string } = {}) {
  const clock = new ManualClock(NOW);
  const bus = new EventBus<HubEvents>();
  const written: Reading[] = [];
  const blocks: WaveformBlock[] = [];
  const published: Reading[] = [];
  bus.on('reading.accepted', 'test', (r) => published.push(r));
  const stored = opts.stored ?? new Set<string>();
  const gate = new IngestGate({
    clock,
    bus,
    sink: { write: (r) => written.push(r), writeWaveform: (b) => blocks.push(b) },
    people: {
      personFor: (deviceId, slot) => (slot !== undefined ? opts.slots?.[String(slot)] : deviceId === 'strap' ? (opts.owner ?? 'alex') : undefined),
    },
    duplicates: new DeviceHistoryDedupe((d, m, ts) => stored.has(`${d}|${m}|${ts}`)),
    logger: silentLogger(),
    maxFutureSkewMs: 300_000,
  });
  return { gate, clock, bus, written, blocks, published };
}

t.test('a plausible reading is stored in canonical form, assigned and published', async (t) => {
  const { gate, written, published } = makeGate();
  const outcome = gate.submit({ deviceId: 'strap', readings: [{ metric: 'heart_rate', value: 71.6 }] });
  t.same(outcome, { accepted: 1, rejected: 0 });
  t.same(written, [{ metric: 'heart_rate', value: 72, unit: 'bpm', ts: NOW, deviceId: 'strap', tsSource: 'hub', personId: 'alex' }]);
  t.same(published, written);
});

t.test('implausible, unknown and non-finite readings are rejected and counted by reason', async (t) => {
  const { gate, written } = makeGate();
  const readings: DecodedReading[] = [
    { metric: 'heart_rate', value: 400 },
    { metric: 'spo2', value: 0 },
    { metric: 'spo2', value: Number.NaN },
    { metric: 'nonsense' as DecodedReading['metric'], value: 1 },
    { metric: 'body_temperature', value: 36.8 },
  ];
  const outcome = gate.submit({ deviceId: 'thermo', readings });
  t.same(outcome, { accepted: 1, rejected: 4 });
  t.equal(written.length, 1);
  const stats = gate.stats().rejected;
  t.same(stats.byReason, { implausible: 2, not_a_number: 1, unknown_metric: 1 });
  t.equal(stats.total, 4);
});

t.test('values outside the usual range are kept but flagged', async (t) => {
  const { gate, written } = makeGate();
  gate.submit({ deviceId: 'oxi', readings: [{ metric: 'spo2', value: 65 }] });
  t.same(written[0]?.flags, ['out_of_usual_range']);
});

t.test('re-sent device history adds nothing, whether still queued or already stored', async (t) => {
  const stored = new Set([`cuff|bp_systolic|${NOW - 86_400_000}`]);
  const { gate, written } = makeGate({ stored });
  const history: DecodedReading[] = [
    { metric: 'bp_systolic', value: 120, ts: NOW - 3_600_000 },
    { metric: 'bp_diastolic', value: 80, ts: NOW - 3_600_000 },
  ];
  t.same(gate.submit({ deviceId: 'cuff', readings: history }), { accepted: 2, rejected: 0 });
  t.same(gate.submit({ deviceId: 'cuff', readings: history }), { accepted: 0, rejected: 2 });
  t.same(gate.submit({ deviceId: 'cuff', readings: [{ metric: 'bp_systolic', value: 118, ts: NOW - 86_400_000 }] }), { accepted: 0, rejected: 1 });
  t.equal(written.length, 2);
  t.equal(gate.stats().rejected.byReason['duplicate'], 3);
  t.ok(written.every((r) => r.tsSource === 'device'));
});

t.test('a device clock far in the future is refused, a slightly fast one is accepted', async (t) => {
  const { gate } = makeGate();
  t.same(gate.submit({ deviceId: 'scale', readings: [{ metric: 'body_weight', value: 70, ts: NOW + 3_600_000 }] }), { accepted: 0, rejected: 1 });
  t.same(gate.submit({ deviceId: 'scale', readings: [{ metric: 'body_weight', value: 70, ts: NOW + 60_000 }] }), { accepted: 1, rejected: 0 });
  t.equal(gate.stats().rejected.byReason['timestamp_in_future'], 1);
});

t.test('blood pressure that cannot belong together is rejected as a whole', async (t) => {
  const { gate, written } = makeGate();
  const ts = NOW - 1000;
  t.same(
    gate.submit({
      deviceId: 'cuff',
      readings: [
        { metric: 'bp_systolic', value: 80, ts },
        { metric: 'bp_diastolic', value: 85, ts },
        { metric: 'bp_mean', value: 82, ts },
      ],
    }),
    { accepted: 0, rejected: 3 },
  );
  t.same(
    gate.submit({
      deviceId: 'cuff',
      readings: [
        { metric: 'bp_systolic', value: 130, ts: ts + 1 },
        { metric: 'bp_diastolic', value: 85, ts: ts + 1 },
        { metric: 'bp_mean', value: 150, ts: ts + 1 },
      ],
    }),
    { accepted: 2, rejected: 1 },
  );
  t.same(
    written.map((r) => r.metric),
    ['bp_systolic', 'bp_diastolic'],
  );
});

t.test('a shared scale maps its user slots to people; an unclaimed slot stays unassigned', async (t) => {
  const { gate, written } = makeGate({ slots: { '1': 'alex', '2': 'sam' } });
  gate.submit({
    deviceId: 'scale',
    readings: [
      { metric: 'body_weight', value: 81.2, userSlot: 1, ts: NOW - 10 },
      { metric: 'body_weight', value: 64.5, userSlot: 2, ts: NOW - 20 },
      { metric: 'body_weight', value: 30.1, userSlot: 3, ts: NOW - 30 },
    ],
  });
  t.same(
    written.map((r) => r.personId),
    ['alex', 'sam', undefined],
  );
});

t.test('RR intervals without device time become consecutive beats ending at arrival', async (t) => {
  const { gate, written } = makeGate();
  gate.submit({
    deviceId: 'strap',
    receivedAt: NOW,
    readings: [
      { metric: 'heart_rate', value: 60 },
      { metric: 'rr_interval', value: 1000 },
      { metric: 'rr_interval', value: 950 },
    ],
  });
  t.same(
    written.map((r) => [r.metric, r.ts]),
    [
      ['heart_rate', NOW],
      ['rr_interval', NOW - 950],
      ['rr_interval', NOW],
    ],
  );
});

t.test('waveforms pass as blocks; broken ones are refused', async (t) => {
  const { gate, blocks } = makeGate();
  gate.submit({ deviceId: 'strap', readings: [], waveforms: [{ metric: 'ecg', rateHz: 130, samples: [1, 2, 3, 4] }] });
  gate.submit({ deviceId: 'strap', readings: [], waveforms: [{ metric: 'ecg', rateHz: 0, samples: [1] }] });
  gate.submit({ deviceId: 'strap', readings: [], waveforms: [{ metric: 'heart_rate', rateHz: 1, samples: [1] }] });
  gate.submit({ deviceId: 'strap', readings: [], waveforms: [{ metric: 'pleth', rateHz: 75, samples: [1, Number.NaN] }] });
  t.equal(blocks.length, 1);
  t.equal(blocks[0]?.personId, 'alex');
  t.equal(blocks[0]?.t0, Math.round(NOW - (4 / 130) * 1000));
  t.equal(gate.stats().rejected.total, 3);
});
