import t from 'tap';
import { CONTEC_V7_KEEP_ALIVE, CONTEC_V7_START_REALTIME } from '../../../drivers/serial/contec-v7.js';
import { PortSession } from '../../../drivers/serial/runtime/port-session.js';
import { ManualScheduler } from '../../../core/scheduler.js';
import { contecLegacyDriver, contecV7Driver } from '../../../drivers/serial/serial-drivers.js';
import type { SerialDriver } from '../../../drivers/serial/serial-driver.js';
import { simulatedContecV7, simulatePackets } from '../../../drivers/serial/sim/simulated-protocols.js';
import { FakeSerialLine, runFor } from './helpers/fake-serial-line.js';
import { RecordingSink } from './helpers/recording-sink.js';

const PORT = '/dev/serial/by-id/usb-Silicon_Labs_CP2102-if00-port0';
const backoff = { initialMs: 500, maxMs: 8000, factor: 2, jitter: 0.5 };

function setup(driver: SerialDriver, random: () => number = () => 0) {
  const scheduler = new ManualScheduler(1_700_000_000_000);
  const line = new FakeSerialLine(() => scheduler.now());
  const sink = new RecordingSink();
  const session = new PortSession({ path: PORT, deviceId: 'serial:test', driver, sink, open: line.open, scheduler, clock: scheduler, backoff, random });
  return { scheduler, line, sink, session };
}

const same = (a: Uint8Array | undefined, b: Uint8Array): boolean => a !== undefined && Buffer.from(a).equals(Buffer.from(b));

t.test('contec-v7: start command on open, then a keep-alive every 5 s while open', async (t) => {
  const { scheduler, line, session } = setup(contecV7Driver);
  line.present.add(PORT);
  await session.start();
  const connection = line.latest();
  t.ok(same(connection?.written[0], CONTEC_V7_START_REALTIME), 'start real-time sent first');
  scheduler.advance(4999);
  t.equal(connection?.written.length, 1, 'no keep-alive before 5 s');
  scheduler.advance(1);
  t.ok(same(connection?.written[1], CONTEC_V7_KEEP_ALIVE), 'keep-alive at 5 s');
  scheduler.advance(10_000);
  t.equal(connection?.written.length, 4, 'and every 5 s after');
  t.ok(connection?.written.slice(1).every((w) => same(w, CONTEC_V7_KEEP_ALIVE)));
  connection?.drop('unplugged');
  const writes = connection?.written.length;
  scheduler.advance(20_000);
  t.equal(connection?.written.length, writes, 'no keep-alive to a closed port');
  await session.stop();
});

t.test('opens with the driver line settings', async (t) => {
  const { line, session } = setup(contecLegacyDriver);
  line.present.add(PORT);
  await session.start();
  t.same(line.latest()?.settings, { baudRate: 19200, dataBits: 8, parity: 'odd', stopBits: 1 });
  t.same(line.latest()?.written, [], 'the legacy protocol streams unasked: nothing written');
  await session.stop();
});

t.test('a missing port is retried with exponential backoff up to the cap', async (t) => {
  const { scheduler, line, sink, session } = setup(contecLegacyDriver);
  await session.start();
  await runFor(scheduler, 40_000);
  const gaps = line.attempts.slice(1).map((a, i) => a.at - (line.attempts[i]?.at ?? 0));
  t.same(gaps.slice(0, 6), [500, 1000, 2000, 4000, 8000, 8000], 'doubling from 500 ms, capped at 8 s');
  t.ok(sink.statusCount('port_open_failed') >= 6, 'every failed open reported');
  line.present.add(PORT);
  await runFor(scheduler, 8000);
  t.equal(session.currentState, 'open', 'opens once the port is back');
  await session.stop();
});

t.test('jitter spreads the delays within the configured share', async (t) => {
  const { scheduler, line, session } = setup(contecLegacyDriver, () => 0.999);
  await session.start();
  await runFor(scheduler, 10_000);
  const gaps = line.attempts.slice(1).map((a, i) => a.at - (line.attempts[i]?.at ?? 0));
  const bases = [500, 1000, 2000, 4000];
  gaps.slice(0, 4).forEach((gap, i) => {
    const base = bases[i] ?? 0;
    t.ok(gap < base && gap >= base * 0.5, `delay ${gap} within [${base * 0.5}, ${base})`);
  });
  await session.stop();
});

t.test('a port that closes after good data is reopened from the shortest delay', async (t) => {
  const { scheduler, line, sink, session } = setup(contecV7Driver);
  await session.start();
  await runFor(scheduler, 2000);
  line.present.add(PORT);
  await runFor(scheduler, 10_000);
  const bytes = Uint8Array.from(simulatePackets(simulatedContecV7, [{ spo2: 97, pulseRate: 72 }]).flatMap((p) => [...p]));
  line.latest()?.send(bytes);
  t.equal(sink.batches.length, 1, 'one second of data, one batch');
  t.equal(sink.batches[0]?.receivedAt, scheduler.now(), 'stamped with the hub clock');
  const closedAt = scheduler.now();
  line.latest()?.drop('unplugged');
  t.equal(sink.statusCount('port_closed'), 1);
  await runFor(scheduler, 600);
  t.equal(line.attempts[line.attempts.length - 1]?.at, closedAt + 500, 'first retry after the initial delay');
  t.equal(session.currentState, 'open');
  t.equal(session.stats().opens, 2);
  await session.stop();
});

t.test('a partial second is submitted when the port closes', async (t) => {
  const { line, sink, session } = setup(contecV7Driver);
  line.present.add(PORT);
  await session.start();
  const packets = simulatePackets(simulatedContecV7, [{ spo2: 95, pulseRate: 61 }]).slice(0, 20);
  line.latest()?.send(Uint8Array.from(packets.flatMap((p) => [...p])));
  t.equal(sink.batches.length, 0, 'nothing until a second is complete');
  line.latest()?.drop('unplugged');
  t.equal(sink.batches.length, 1, 'the rest is flushed on close');
  t.same(sink.batches[0]?.waveforms?.[0]?.samples.length, 20);
  await session.stop();
});

t.test('stop closes the port and cancels every timer', async (t) => {
  const { scheduler, line, session } = setup(contecV7Driver);
  line.present.add(PORT);
  await session.start();
  await session.stop();
  t.equal(line.latest()?.closed, true);
  t.equal(scheduler.pending, 0, 'no keep-alive or reopen left');
  t.equal(session.currentState, 'stopped');
});
