import t from 'tap';
import { PacketBatcher, type OximeterBatch } from '../../../drivers/serial/packet-batcher.js';
import { ManualScheduler } from '../../../core/scheduler.js';
import { contecV7Driver } from '../../../drivers/serial/serial-drivers.js';
import { OximeterPlayer } from '../../../drivers/serial/sim/oximeter-player.js';
import { seededRandom } from '../../../core/seeded-random.js';
import { simulatedContecV7, simulatedPleth } from '../../../drivers/serial/sim/simulated-protocols.js';
import { settle } from './helpers/fake-serial-line.js';

t.test('the player streams one second of packets a second, the wave running on across seconds', async (t) => {
  const scheduler = new ManualScheduler(0);
  const decoder = contecV7Driver.createDecoder();
  const batcher = new PacketBatcher(decoder.packetsPerSecond, decoder.plethRateHz);
  const batches: OximeterBatch[] = [];
  const secondAt = (n: number) => ({ spo2: 90 + n, pulseRate: 70 + n, perfusionIndex: 1 + n / 10 });
  const player = new OximeterPlayer({
    protocol: simulatedContecV7,
    line: { write: async (chunks) => chunks.forEach((c) => batches.push(...batcher.add(decoder.push(c)).batches)) },
    scheduler,
    secondAt,
    random: seededRandom(5),
    noise: { garbageRate: 0.05, maxChunk: 30 },
  });
  await player.start();
  for (let i = 0; i < 3; i += 1) {
    scheduler.advance(1000);
    await settle();
  }
  await player.stop();
  t.equal(player.secondsPlayed, 4, 'the first second at start, then one a second');
  t.same(batches.map((b) => b.readings.find((r) => r.metric === 'spo2')?.value), [90, 91, 92, 93]);
  const wave = simulatedPleth(simulatedContecV7, [0, 1, 2, 3].map(secondAt));
  t.same(batches.map((b) => b.waveforms[0]?.samples), wave, 'the pleth continues where the last second ended');
  t.equal(scheduler.pending, 0, 'stop cancels the next second');
});
