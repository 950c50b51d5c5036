import { performance } from 'node:perf_hooks';
import mqtt, { type MqttClient } from 'mqtt';
import { DEFAULT_CONFIG } from '../hub/config/defaults.js';
import type { HubConfig } from '../hub/config/hub-config.js';
import { Hub } from '../hub/daemon/hub.js';
import { HubLogging } from '../hub/log/logger.js';
import { DEFAULT_MQTT_CONFIG } from '../hub/mqtt/mqtt-config.js';
import { MqttPart } from '../hub/mqtt/mqtt-part.js';
import { freePort } from '../test/helpers/hub-process.js';
import { isMain, printTable, withTempDir } from './lib/bench-env.js';

const CLIENTS = 50;
const TARGET_RATE = 2000;
const ACK_WITHIN_MS = Number(process.env['BENCH_ACK_WITHIN_MS'] ?? DEFAULT_MQTT_CONFIG.ingest.ackWithinMs);
const IN_FLIGHT_PER_CLIENT = 4;
const DURATION_MS = 10_000;
/** Device-timestamped readings pass the gate's duplicate check against the store. */
const WITH_DEVICE_TIME = process.env['BENCH_DEVICE_TIME'] === '1';

interface RunFigures {
  readonly readingsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly stored: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * 50 devices each keep a few QoS 1 readings in flight for ten seconds. A QoS 1 PUBACK is sent only
 * after the reading is committed, so publish→PUBACK is publish→stored. The QoS 0 run of the same
 * load is the baseline: what durability costs.
 */
async function measure(qos: 0 | 1, dataDir: string, perClientRate?: number): Promise<RunFigures> {
  const port = await freePort();
  const devices = Array.from({ length: CLIENTS }, (_, i) => `bench-${i}`);
  const config: HubConfig = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { host: '127.0.0.1', port: 0 },
    mqtt: { ...DEFAULT_MQTT_CONFIG, host: '127.0.0.1', port, ingest: { ackWithinMs: ACK_WITHIN_MS } },
    household: { people: [{ id: 'p', name: 'P' }], devices: devices.map((id) => ({ id, personId: 'p' })) },
  };
  let part: MqttPart | undefined;
  const hub = new Hub({ config, logging: new HubLogging({ level: 'silent' }), parts: { consumers: [(c) => (part = new MqttPart(c))], sources: [] } });
  await hub.start();
  const clients: MqttClient[] = [];
  try {
    for (const id of devices) {
      const { secret } = await (part as MqttPart).credentials.add({ name: id, role: 'device', deviceId: id });
      clients.push(await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username: id, password: secret, reconnectPeriod: 0 }));
    }
    const latencies: number[] = [];
    let sent = 0;
    const deadline = performance.now() + DURATION_MS;
    const started = performance.now();
    let ts = Date.now() - 3_600_000;
    /** Open loop: each client publishes every 1/rate s whether or not its earlier messages are acked. */
    const paced = async (client: MqttClient, id: string, rate: number): Promise<void> => {
      const inFlight: Promise<void>[] = [];
      for (let next = performance.now(); next < deadline; next += 1000 / rate) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const payload = JSON.stringify({ metric: 'heart_rate', value: 60 + (sent % 40), unit: 'bpm', ...(WITH_DEVICE_TIME ? { ts: ts++ } : {}) });
        const t0 = performance.now();
        inFlight.push(client.publishAsync(`hearth/ingest/${id}`, payload, { qos }).then(() => {
          latencies.push(performance.now() - t0);
          sent++;
        }));
      }
      await Promise.all(inFlight);
    };
    const worker = async (client: MqttClient, id: string): Promise<void> => {
      while (performance.now() < deadline) {
        const payload = JSON.stringify({ metric: 'heart_rate', value: 60 + (sent % 40), unit: 'bpm', ...(WITH_DEVICE_TIME ? { ts: ts++ } : {}) });
        const t0 = performance.now();
        await client.publishAsync(`hearth/ingest/${id}`, payload, { qos });
        latencies.push(performance.now() - t0);
        sent++;
      }
    };
    if (perClientRate !== undefined) await Promise.all(clients.map((client, i) => paced(client, devices[i] ?? '', perClientRate)));
    else await Promise.all(clients.flatMap((client, i) => Array.from({ length: IN_FLIGHT_PER_CLIENT }, () => worker(client, devices[i] ?? ''))));
    const elapsedS = (performance.now() - started) / 1000;
    await hub.store.writer.flushed();
    latencies.sort((a, b) => a - b);
    return {
      readingsPerSecond: sent / elapsedS,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? Number.NaN,
      stored: hub.store.writer.stats().written,
    };
  } finally {
    await Promise.all(clients.map((c) => c.endAsync()));
    await hub.stop();
  }
}

export async function run(): Promise<void> {
  const offered = await withTempDir((dir) => measure(1, dir, TARGET_RATE / CLIENTS));
  const saturated = await withTempDir((dir) => measure(1, dir));
  const baseline = await withTempDir((dir) => measure(0, dir, TARGET_RATE / CLIENTS));
  const ms = (v: number): string => `${v.toFixed(1)} ms`;
  const latency = (f: RunFigures): string => `${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)} / ${ms(f.max)}`;
  printTable(`MQTT ingest, ${CLIENTS} clients, ${DURATION_MS / 1000} s per run, ackWithinMs ${ACK_WITHIN_MS} (BENCH_ACK_WITHIN_MS)`, [
    [`QoS 1 at ${TARGET_RATE}/s offered: readings/s`, offered.readingsPerSecond.toFixed(0)],
    ['  publish→stored (PUBACK) p50 / p95 / p99 / max', latency(offered)],
    [`QoS 1 saturated (${IN_FLIGHT_PER_CLIENT} in flight per client): readings/s`, saturated.readingsPerSecond.toFixed(0)],
    ['  publish→stored p50 / p95 / p99 / max', latency(saturated)],
    [`baseline QoS 0 at ${TARGET_RATE}/s offered: publish→written to socket p99`, ms(baseline.p99)],
    ['readings stored (offered / saturated / baseline)', `${offered.stored} / ${saturated.stored} / ${baseline.stored}`],
    ['target', `≥ ${TARGET_RATE} readings/s with p99 publish→stored < 50 ms`],
  ]);
}

if (isMain(import.meta.url)) await run();
