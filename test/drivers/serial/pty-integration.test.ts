import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { systemClock } from '../../../core/clock.js';
import { createPortLister } from '../../../drivers/serial/runtime/port-lister.js';
import { systemScheduler } from '../../../core/scheduler.js';
import { SerialRuntime } from '../../../drivers/serial/runtime/serial-runtime.js';
import { openSerialport } from '../../../drivers/serial/runtime/serialport-opener.js';
import { withLineNoise } from '../../../drivers/serial/sim/line-noise.js';
import type { OximeterSecond } from '../../../drivers/serial/sim/oximeter-values.js';
import { seededRandom } from '../../../core/seeded-random.js';
import { SerialDeviceWriter } from '../../../drivers/serial/sim/serial-device-writer.js';
import { simulatedPleth, simulatedProtocols, simulatePackets, type SimulatedProtocol } from '../../../drivers/serial/sim/simulated-protocols.js';
import { eventually, RecordingSink } from './helpers/recording-sink.js';
import { expectedReadings, restingThenFingerOut, sortReadings } from './helpers/scenario.js';
import { SocatPtyPair } from './helpers/socat-pty-pair.js';

const afterReplug: readonly OximeterSecond[] = [
  { spo2: 93, pulseRate: 88, perfusionIndex: 1.5 },
  { spo2: 94, pulseRate: 86, perfusionIndex: 1.7 },
];

/** Plays the seconds on the device end with random write sizes and line noise between packets. */
async function play(simPath: string, protocol: SimulatedProtocol, seconds: readonly OximeterSecond[], seed: number): Promise<number> {
  const { chunks, noiseRuns } = withLineNoise(protocol, simulatePackets(protocol, seconds), seededRandom(seed), {
    garbageRate: protocol.packetsPerSecond < 10 ? 0.5 : 0.05,
    maxChunk: 40,
  });
  const device = new SerialDeviceWriter(simPath);
  await device.open();
  try {
    await device.write(chunks);
  } finally {
    await device.close();
  }
  return noiseRuns;
}

for (const protocol of simulatedProtocols) {
  t.test(`${protocol.id} over a real pty: readings arrive, and again after the device is replugged`, async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hearth-serial-'));
    const pair = new SocatPtyPair(path.join(dir, 'hub'), path.join(dir, 'sim'));
    const sink = new RecordingSink();
    const runtime = new SerialRuntime({
      sink,
      open: openSerialport,
      list: createPortLister(),
      scheduler: systemScheduler,
      clock: systemClock,
      configuredPorts: [{ path: pair.hubPath, driver: protocol.id }],
      discover: false,
      pollIntervalMs: 1000,
      probe: { windowMs: 500, minPackets: 5 },
      backoff: { initialMs: 50, maxMs: 400, factor: 2, jitter: 0.3 },
    });
    t.teardown(async () => {
      await runtime.stop();
      await pair.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const deviceId = `serial:${pair.hubPath}`;
    const checkBatches = (from: number, seconds: readonly OximeterSecond[], label: string): void => {
      const got = sink.batches.slice(from);
      t.equal(got.length, seconds.filter((s) => s.probeOff !== true).length, `${label}: a batch per second with a finger in`);
      const pleth = simulatedPleth(protocol, seconds);
      let next = 0;
      seconds.forEach((second, i) => {
        if (second.probeOff === true) return;
        const batch = got[next++];
        t.equal(batch?.deviceId, deviceId, `${label}: second ${i} device id`);
        t.same(sortReadings(batch?.readings ?? []), expectedReadings(protocol, second), `${label}: second ${i} readings`);
        t.same(batch?.waveforms?.[0]?.samples, pleth[i], `${label}: second ${i} pleth block`);
        t.equal(batch?.waveforms?.[0]?.rateHz, protocol.packetsPerSecond * protocol.samplesPerPacket, `${label}: pleth rate`);
      });
    };
    const expectedBatches = (seconds: readonly OximeterSecond[]): number => seconds.filter((s) => s.probeOff !== true).length;

    await pair.start();
    await runtime.start();
    await eventually('the hub opens the port', () => sink.statusCount('port_open') === 1);
    const noiseRuns = await play(pair.simPath, protocol, restingThenFingerOut, 11);
    await eventually('the first session arrives', () => sink.batches.length >= expectedBatches(restingThenFingerOut));
    checkBatches(0, restingThenFingerOut, 'first plug');
    t.ok(sink.statusCount('probe_off') + sink.statusCount('no_finger') >= 1, 'finger-out reported as a status');
    t.equal(sink.statusCount('signal_ok'), 1, 'signal back reported once');
    const [session] = runtime.list();
    t.equal(session?.stats.framingErrors, noiseRuns, 'every run of line noise counted as one framing error');

    // Pull the device out: the pty pair goes away; plug it back in at the same path.
    await pair.stop();
    await eventually('the hub notices the port closed', () => sink.statusCount('port_closed') === 1);
    const before = sink.batches.length;
    await pair.start();
    await eventually('the hub reopens the port without a restart', () => sink.statusCount('port_open') === 2);
    await play(pair.simPath, protocol, afterReplug, 12);
    await eventually('readings flow again', () => sink.batches.length >= before + expectedBatches(afterReplug));
    checkBatches(before, afterReplug, 'after replug');
    t.equal(runtime.list()[0]?.stats.opens, 2, 'one session, opened twice');
  });
}
