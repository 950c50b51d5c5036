import t from 'tap';
import { ContecLegacyRecordingDecoder } from '../../../drivers/serial/contec-legacy-record.js';
import { ManualScheduler } from '../../../core/scheduler.js';
import { SerialRuntime } from '../../../drivers/serial/runtime/serial-runtime.js';
import { withLineNoise } from '../../../drivers/serial/sim/line-noise.js';
import { encodeContecLegacyRecording } from '../../../drivers/serial/sim/oximeter-encoders.js';
import { seededRandom } from '../../../core/seeded-random.js';
import { simulatedContecLegacy, simulatePackets } from '../../../drivers/serial/sim/simulated-protocols.js';
import { FakeSerialLine, runFor } from './helpers/fake-serial-line.js';
import { RecordingSink } from './helpers/recording-sink.js';

const START = Date.UTC(2024, 2, 10, 22, 30);
const night = [
  { pulseRate: 64, spo2: 96 },
  { pulseRate: 131, spo2: 94 },
  { pulseRate: 0, spo2: 0 },
  { pulseRate: 58, spo2: 91 },
];

function liveThenRecording(): Uint8Array {
  // Live packets still in flight when the device switches to the download.
  const live = simulatePackets(simulatedContecLegacy, [{ spo2: 97, pulseRate: 70 }]).slice(0, 7);
  return Uint8Array.from([...live.flatMap((p) => [...p]), ...encodeContecLegacyRecording(night)]);
}

t.test('a downloaded session gives one reading pair per recorded second, timed from the start', async (t) => {
  const { chunks } = withLineNoise(simulatedContecLegacy, [liveThenRecording()], seededRandom(3), { garbageRate: 0, maxChunk: 7 });
  const decoder = new ContecLegacyRecordingDecoder(START);
  const readings = chunks.flatMap((c) => decoder.push(c).readings);
  t.equal(decoder.done, true);
  t.equal(decoder.announcedSeconds, night.length);
  const expected = night.flatMap((point, i) =>
    point.spo2 === 0
      ? []
      : [
          { metric: 'spo2', value: point.spo2, ts: START + i * 1000, flags: ['from_device_storage'] },
          { metric: 'pulse_rate', value: point.pulseRate, ts: START + i * 1000, flags: ['from_device_storage'] },
        ],
  );
  t.same(readings, expected, 'the finger-out second is absent, the others keep their place in time');
});

t.test('the runtime pauses the live session, downloads, and resumes live reading', async (t) => {
  const scheduler = new ManualScheduler(0);
  const isDownload = (bytes: Uint8Array): boolean => bytes.length === 2 && bytes[0] === 0xf5 && bytes[1] === 0xf5;
  const line = new FakeSerialLine(() => scheduler.now(), () => undefined, (bytes) => (isDownload(bytes) ? liveThenRecording() : undefined));
  const port = '/dev/serial/by-id/usb-Silicon_Labs_CP2102-if00-port0';
  line.present.add(port);
  const runtime = new SerialRuntime({
    sink: new RecordingSink(),
    open: line.open,
    list: async () => [],
    scheduler,
    clock: scheduler,
    configuredPorts: [{ path: port, driver: 'contec-legacy' }],
    discover: false,
    pollIntervalMs: 1000,
    probe: { windowMs: 500, minPackets: 2 },
  });
  await runtime.start();
  const live = line.latest();
  const download = await runtime.downloadRecording(port, START);
  t.equal(download.complete, true);
  t.equal(download.readings.length, 6, 'three seconds with a finger in, two readings each');
  t.equal(live?.closed, true, 'the live session let go of the port');
  const downloadConnection = line.connections[1];
  t.same(downloadConnection?.written.map((w) => [...w]), [[0xf5, 0xf5], [0xf6, 0xf6, 0xf6]], 'download, then back to live mode');
  t.equal(downloadConnection?.closed, true);
  t.same(runtime.list().map((s) => s.state), ['open'], 'live reading resumed');
  t.equal(line.connections.length, 3);
  await runtime.stop();
});

t.test('a device that does not answer the download is given up after the idle timeout', async (t) => {
  const scheduler = new ManualScheduler(0);
  const line = new FakeSerialLine(() => scheduler.now());
  const port = '/dev/ttyUSB0';
  line.present.add(port);
  const runtime = new SerialRuntime({
    sink: new RecordingSink(),
    open: line.open,
    list: async () => [],
    scheduler,
    clock: scheduler,
    configuredPorts: [],
    discover: false,
    pollIntervalMs: 1000,
    probe: { windowMs: 500, minPackets: 2 },
  });
  await runtime.start();
  const pending = runtime.downloadRecording(port, START, 2000);
  await runFor(scheduler, 2500);
  const download = await pending;
  t.equal(download.complete, false);
  t.same(download.readings, []);
  t.same(line.latest()?.written.map((w) => [...w]), [[0xf5, 0xf5], [0xf6, 0xf6, 0xf6]], 'the device is still put back into live mode');
  await runtime.stop();
});
