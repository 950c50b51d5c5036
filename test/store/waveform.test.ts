import t from 'tap';
import fc from 'fast-check';
import { StoreQuery } from '../../hub/store/query.js';
import { ReadingWriter } from '../../hub/store/reading-writer.js';
import { decodeWaveform, encodeWaveform, WaveformEncoding } from '../../hub/store/waveform-codec.js';
import { MAX_SAMPLES_PER_BLOCK } from '../../hub/store/waveform-split.js';
import { ManualScheduler } from '../../core/scheduler.js';
import { countRows, storeDatabase } from './helpers/temp-store.js';
import { assertProperty } from '../helpers/property-seed.js';

const T0 = Date.UTC(2025, 4, 5, 21, 0, 0);

t.test('integer waveforms round-trip exactly through the codec', async (t) => {
  assertProperty(
    t,
    fc.property(fc.array(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), { minLength: 1, maxLength: 600 }), (samples) => {
      const { encoding, data } = encodeWaveform(samples);
      t.not(encoding, WaveformEncoding.Float64Deflate);
      t.same(decodeWaveform(encoding, data, samples.length), samples);
    }),
    { numRuns: 200 },
  );
});

t.test('waveforms with fractions or huge values round-trip exactly too', async (t) => {
  assertProperty(
    t,
    fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 300 }), (samples) => {
      const { encoding, data } = encodeWaveform(samples);
      const decoded = decodeWaveform(encoding, data, samples.length);
      return decoded.every((d, i) => d === samples[i] || (d === 0 && samples[i] === 0));
    }),
    { numRuns: 200 },
  );
});

t.test('a truncated block is an error, not silent garbage', async (t) => {
  const { encoding, data } = encodeWaveform([1, 200, -3000, 4]);
  t.throws(() => decodeWaveform(WaveformEncoding.DeltaVarint, encoding === WaveformEncoding.DeltaVarint ? data.subarray(0, 2) : Buffer.alloc(1), 4));
  t.throws(() => decodeWaveform(99, data, 4), /unknown waveform encoding/);
});

t.test('blocks are stored as blocks, read back by time range, and re-sent blocks are ignored', async (t) => {
  const { db, path } = storeDatabase(t);
  const writer = new ReadingWriter(db, { scheduler: new ManualScheduler() });
  const samples = Array.from({ length: 130 * 10 }, (_, i) => Math.round(800 * Math.sin(i / 9)));
  const block = { metric: 'ecg' as const, deviceId: 'h10', personId: 'alice', t0: T0, rateHz: 130, samples };
  writer.writeWaveform(block);
  writer.writeWaveform(block);
  writer.flush();
  t.match(writer.stats(), { written: 1, duplicates: 1 });
  t.equal(countRows(db, 'waveform_block'), Math.ceil(samples.length / MAX_SAMPLES_PER_BLOCK), 'long blocks are split into page-sized pieces');
  const query = new StoreQuery(db, path);
  const all = query.readWaveform({ metric: 'ecg', personId: 'alice', from: T0, to: T0 + 10_000 });
  t.same(all.flatMap((b) => b.samples), samples, 'the pieces join back into the original signal');
  t.ok(all.every((b) => b.rateHz === 130 && b.deviceId === 'h10' && b.personId === 'alice'));
  const late = query.readWaveform({ metric: 'ecg', personId: 'alice', from: T0 + 9_000, to: T0 + 9_500 });
  t.equal(late.length, 1, 'only the block covering the range');
  const lateBlock = late[0];
  t.ok(lateBlock !== undefined && lateBlock.t0 <= T0 + 9_000 && lateBlock.t0 + (lateBlock.samples.length * 1000) / 130 > T0 + 9_000);
  t.same(query.readWaveform({ metric: 'ecg', personId: 'alice', from: T0 + 20_000, to: T0 + 30_000 }), []);
  t.equal(query.stats().waveformSamples, samples.length);
});
