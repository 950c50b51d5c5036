/**
 * Throughput of the serial oximeter stream decoders: how many seconds of device data one second
 * of a core decodes, for clean streams and for streams with line noise and odd chunk sizes.
 * A Pi-class box must keep up with several oximeters at 60–100 packets/s while doing everything else.
 */
import { performance } from 'node:perf_hooks';
import { PacketBatcher } from '../drivers/serial/packet-batcher.js';
import { findSerialDriver } from '../drivers/serial/serial-drivers.js';
import { withLineNoise } from '../drivers/serial/sim/line-noise.js';
import { seededRandom } from '../core/seeded-random.js';
import { simulatedProtocols, simulatePackets } from '../drivers/serial/sim/simulated-protocols.js';
import { isMain, printTable } from './lib/bench-env.js';

const SECONDS = 600;
const RUNS = 5;

export interface SerialDecoderFigures {
  readonly protocol: string;
  readonly bytes: number;
  readonly mbPerSecond: number;
  /** Seconds of device data decoded per second of wall time. */
  readonly realtimeFactor: number;
}

function measure(protocolId: string, noisy: boolean): SerialDecoderFigures {
  const protocol = simulatedProtocols.find((p) => p.id === protocolId);
  const driver = findSerialDriver(protocolId);
  if (protocol === undefined || driver === undefined) throw new Error(`unknown protocol ${protocolId}`);
  const seconds = Array.from({ length: SECONDS }, (_, i) => ({ spo2: 94 + (i % 5), pulseRate: 60 + (i % 40), perfusionIndex: 2.5 }));
  const { chunks } = withLineNoise(protocol, simulatePackets(protocol, seconds), seededRandom(9), {
    garbageRate: noisy ? 0.05 : 0,
    maxChunk: noisy ? 64 : 512,
  });
  const bytes = chunks.reduce((n, c) => n + c.length, 0);
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const decoder = driver.createDecoder();
    const batcher = new PacketBatcher(decoder.packetsPerSecond, decoder.plethRateHz);
    const started = performance.now();
    for (const chunk of chunks) batcher.add(decoder.push(chunk));
    if (run > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)] ?? Number.NaN;
  return { protocol: protocolId, bytes, mbPerSecond: bytes / 1e6 / (ms / 1000), realtimeFactor: SECONDS / (ms / 1000) };
}

export async function run(): Promise<SerialDecoderFigures[]> {
  const figures: SerialDecoderFigures[] = [];
  for (const noisy of [false, true]) {
    const rows: [string, string][] = [];
    for (const protocol of simulatedProtocols) {
      const f = measure(protocol.id, noisy);
      figures.push(f);
      rows.push([f.protocol, `${f.mbPerSecond.toFixed(1)} MB/s, ${Math.round(f.realtimeFactor)}x real time (${f.bytes} bytes)`]);
    }
    printTable(`serial decoders + batcher, ${SECONDS} s of data, ${noisy ? '5 % noise, 1–64 byte chunks' : 'clean, 1–512 byte chunks'}`, rows);
  }
  return figures;
}

if (isMain(import.meta.url)) await run();
