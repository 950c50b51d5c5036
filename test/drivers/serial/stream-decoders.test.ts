import fc from 'fast-check';
import t from 'tap';
import { PacketBatcher, type OximeterBatch } from '../../../drivers/serial/packet-batcher.js';
import { findSerialDriver } from '../../../drivers/serial/serial-drivers.js';
import { withLineNoise } from '../../../drivers/serial/sim/line-noise.js';
import { seededRandom } from '../../../core/seeded-random.js';
import { simulatedPleth, simulatedProtocols, simulatePackets } from '../../../drivers/serial/sim/simulated-protocols.js';
import { expectedReadings, restingThenFingerOut, sortReadings } from './helpers/scenario.js';
import { assertProperty } from '../../helpers/property-seed.js';

for (const protocol of simulatedProtocols) {
  const driver = findSerialDriver(protocol.id);
  if (driver === undefined) throw new Error(`no driver for ${protocol.id}`);

  t.test(`${protocol.id}: split and noisy stream gives one batch per second with the shown values`, async (t) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const packets = simulatePackets(protocol, restingThenFingerOut);
      const { chunks, noiseRuns } = withLineNoise(protocol, packets, seededRandom(seed), { garbageRate: protocol.packetsPerSecond < 10 ? 0.6 : 0.05, maxChunk: 23 });
      const decoder = driver.createDecoder();
      const batcher = new PacketBatcher(decoder.packetsPerSecond, decoder.plethRateHz);
      const batches: OximeterBatch[] = [];
      const statusCodes: string[] = [];
      for (const chunk of chunks) {
        const out = batcher.add(decoder.push(chunk));
        batches.push(...out.batches);
        statusCodes.push(...out.statusChanges.map((s) => s.code));
      }
      t.equal(batches.length, restingThenFingerOut.length, `seed ${seed}: one batch per second`);
      const pleth = simulatedPleth(protocol, restingThenFingerOut);
      restingThenFingerOut.forEach((second, i) => {
        const batch = batches[i];
        t.same(sortReadings(batch?.readings ?? []), expectedReadings(protocol, second), `seed ${seed}: second ${i} readings`);
        const samples = batch?.waveforms[0]?.samples;
        if (second.probeOff === true) t.equal(samples, undefined, `seed ${seed}: no pleth block while the finger is out`);
        else t.same(samples, pleth[i], `seed ${seed}: second ${i} pleth block`);
      });
      t.ok(noiseRuns > 0, `seed ${seed}: the stream had noise`);
      t.equal(decoder.stats().framingErrors, noiseRuns, `seed ${seed}: one framing error per run of noise`);
      t.equal(decoder.stats().packets, packets.length, `seed ${seed}: no packet lost to the noise`);
      t.same(statusCodes.filter((c) => c === 'signal_ok').length, 1, `seed ${seed}: signal back once`);
      t.ok(statusCodes.some((c) => c === 'probe_off' || c === 'no_finger'), `seed ${seed}: finger-out reported`);
    }
  });

  t.test(`${protocol.id}: a packet cut by garbage is dropped and the next one decodes`, async (t) => {
    const [first, second] = simulatePackets(protocol, [{ spo2: 97, pulseRate: 72 }, { spo2: 91, pulseRate: 88 }]).slice(-2);
    if (first === undefined || second === undefined) throw new Error('simulator gave no packets');
    const decoder = driver.createDecoder();
    // Half a packet, then garbage led by a byte with bit 7 set (with sync-bit framing, bytes lost
    // mid-packet are only noticed when such a byte arrives early), then a whole packet.
    const cut = first.subarray(0, Math.ceil(first.length / 2));
    const packets = [cut, Uint8Array.of(0xff, 0x13, 0x11, 0x00), second].flatMap((part) => decoder.push(part));
    t.ok(decoder.stats().framingErrors >= 1, 'the cut packet counts as a framing error');
    t.equal(packets.length, 1, 'only the whole packet decodes');
    t.same(sortReadings(packets[0]?.readings ?? []), sortReadings([{ metric: 'spo2', value: 91 }, { metric: 'pulse_rate', value: 88 }]));
  });
}

t.test('after any garbage, every decoder is back in sync within one packet', async (t) => {
  for (const protocol of simulatedProtocols) {
    const driver = findSerialDriver(protocol.id);
    if (driver === undefined) throw new Error(`no driver for ${protocol.id}`);
    const seconds = [{ spo2: 97, pulseRate: 72 }, { spo2: 93, pulseRate: 140 }, { spo2: 91, pulseRate: 55 }];
    // One packet per second in the checks below: the last packet of each simulated second.
    const packets = simulatePackets(protocol, seconds).filter((_, i) => (i + 1) % protocol.packetsPerSecond === 0);
    assertProperty(
      t,
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 1, max: 17 }), (garbage, chunkSize) => {
        const decoder = driver.createDecoder();
        const stream = Uint8Array.from([...garbage, ...packets.flatMap((p) => [...p])]);
        const decoded = [];
        for (let offset = 0; offset < stream.length; offset += chunkSize) decoded.push(...decoder.push(stream.subarray(offset, offset + chunkSize)));
        // Garbage may itself frame as a packet, and may take the first real packet with it; the rest must be intact.
        const lastTwo = decoded.slice(-2).map((p) => sortReadings(p.readings));
        return JSON.stringify(lastTwo) === JSON.stringify(seconds.slice(-2).map((s) => expectedReadings(protocol, s)));
      }),
      { numRuns: 500 },
    );
    t.pass(`${protocol.id} resynchronised`);
  }
});
