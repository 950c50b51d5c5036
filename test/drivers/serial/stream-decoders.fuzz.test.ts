import fc from 'fast-check';
import t, { type Test } from 'tap';
import { DecodeError } from '../../../drivers/format.js';
import { ContecLegacyRecordingDecoder } from '../../../drivers/serial/contec-legacy-record.js';
import { serialFormats } from '../../../drivers/serial/formats.js';
import { isPlausible } from '../../../core/plausibility.js';
import { serialDrivers } from '../../../drivers/serial/serial-drivers.js';
import { randomInt, seededRandom } from '../../../core/seeded-random.js';
import { simulatedProtocols } from '../../../drivers/serial/sim/simulated-protocols.js';
import type { DecodedPacket, SerialStreamDecoder } from '../../../drivers/serial/stream-decoder.js';
import { assertProperty } from '../../helpers/property-seed.js';

const BYTES_PER_DECODER = 150_000;

/** Every reading a decoder gives must be a number a person can have, whatever the bytes. */
function bogusReadings(packets: readonly DecodedPacket[]): string[] {
  return packets.flatMap((p) =>
    p.readings.filter((r) => !isPlausible(r.metric, r.value)).map((r) => `${r.metric}=${r.value}`),
  );
}

/** Feeds the bytes in random-size chunks; returns how many readings came out. */
function feed(t: Test, decoder: SerialStreamDecoder, bytes: Uint8Array, random: () => number): number {
  let previous = decoder.stats();
  const bogus: string[] = [];
  let decreasing = 0;
  let readings = 0;
  for (let offset = 0; offset < bytes.length; ) {
    const size = randomInt(random, 1, 64);
    const packets = decoder.push(bytes.subarray(offset, offset + size));
    readings += packets.reduce((n, p) => n + p.readings.length, 0);
    bogus.push(...bogusReadings(packets));
    offset += size;
    const now = decoder.stats();
    if (now.framingErrors < previous.framingErrors || now.packets < previous.packets) decreasing += 1;
    previous = now;
  }
  t.same(bogus.slice(0, 5), [], 'no implausible reading');
  t.equal(decreasing, 0, 'counts never go down');
  return readings;
}

function uniformBytes(random: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => randomInt(random, 0, 255));
}

/** Valid packets with any field values, bits flipped and noise spliced in: reaches the value paths. */
function mangledPackets(protocolId: string, random: () => number, length: number): Uint8Array {
  const protocol = simulatedProtocols.find((p) => p.id === protocolId);
  if (protocol === undefined) throw new Error(`no simulator for ${protocolId}`);
  const out: number[] = [];
  while (out.length < length) {
    const values = { spo2: randomInt(random, 0, 127), pulseRate: randomInt(random, 0, 511), perfusionIndex: randomInt(random, 0, 65535) / 100, probeOff: random() < 0.1 };
    const pleth = Array.from({ length: protocol.samplesPerPacket }, () => randomInt(random, 0, 255));
    const packet = Array.from(protocol.encodePacket(values, pleth));
    if (random() < 0.3) {
      const at = randomInt(random, 0, packet.length - 1);
      packet[at] = (packet[at] ?? 0) ^ (1 << randomInt(random, 0, 7));
    }
    out.push(...packet);
    if (random() < 0.2) out.push(...uniformBytes(random, randomInt(random, 1, 12)));
  }
  return Uint8Array.from(out);
}

for (const driver of serialDrivers) {
  t.test(`${driver.id}: ${BYTES_PER_DECODER} uniform random bytes`, async (t) => {
    const random = seededRandom(0x5eed + driver.id.length);
    feed(t, driver.createDecoder(), uniformBytes(random, BYTES_PER_DECODER), random);
  });

  t.test(`${driver.id}: ${BYTES_PER_DECODER} bytes of damaged packets with any values`, async (t) => {
    const random = seededRandom(0xbad + driver.id.length);
    const decoder = driver.createDecoder();
    const readings = feed(t, decoder, mangledPackets(driver.id, random, BYTES_PER_DECODER), random);
    t.ok(readings > 0, 'the damaged stream still yields readings');
  });

  t.test(`${driver.id}: any chunks (fast-check)`, async (t) => {
    assertProperty(
      t,
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 40 }), (chunks) => {
        const decoder = driver.createDecoder();
        let framingErrors = 0;
        for (const chunk of chunks) {
          const packets = decoder.push(chunk);
          if (bogusReadings(packets).length > 0) return false;
          if (decoder.stats().framingErrors < framingErrors) return false;
          framingErrors = decoder.stats().framingErrors;
        }
        return true;
      }),
      { numRuns: 300 },
    );
    t.pass('property held');
  });
}

t.test('contec-legacy recording download: random bytes never give an implausible reading', async (t) => {
  const random = seededRandom(7);
  const decoder = new ContecLegacyRecordingDecoder(Date.UTC(2024, 0, 1));
  // A valid header first, so that the fuzz reaches the data triplets.
  const header = Uint8Array.of(0xf2, 0x80, 0x00, 0xf2, 0x80, 0x00, 0xf2, 0x80, 0x00, 0xff, 0xff, 0x7f);
  const bytes = Uint8Array.from([...header, ...uniformBytes(random, BYTES_PER_DECODER)]);
  const bogus: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 97) {
    const out = decoder.push(bytes.subarray(offset, offset + 97));
    bogus.push(...out.readings.filter((r) => !isPlausible(r.metric, r.value)).map((r) => `${r.metric}=${r.value}`));
  }
  t.same(bogus, []);
  t.ok(decoder.stats().packets > 0, 'random bytes framed some triplets');
});

t.test('the CLI decoders throw nothing but DecodeError on any bytes', async (t) => {
  for (const format of serialFormats) {
    assertProperty(
      t,
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 130 }), fc.uint8Array({ minLength: 125, maxLength: 125 })), (bytes) => {
        try {
          const result = format.decode(bytes);
          return result.readings.every((r) => isPlausible(r.metric, r.value));
        } catch (error) {
          return error instanceof DecodeError;
        }
      }),
      { numRuns: 2000 },
    );
  }
  t.pass(`${serialFormats.length} formats held`);
});
