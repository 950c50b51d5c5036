/**
 * Live fan-out: readings through the ingest gate to 20 dashboard sockets (real WebSocket clients
 * over loopback), readings/s delivered and end-to-end latency percentiles, against one socket in
 * the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { isMain, printTable } from './lib/bench-env.js';
import { percentile, startBenchApi } from './lib/api-hub.js';

const READINGS = 5000;
const BURST = 50;

export interface FanoutFigures {
  readonly sockets: number;
  readonly deliveredPerS: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly dropped: number;
}

async function fanout(socketCount: number): Promise<FanoutFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-fanout-'));
  const api = await startBenchApi(dir, [{ id: 'alice', name: 'Alice' }], [{ id: 'strap', personId: 'alice' }]);
  const latencies: number[] = [];
  // Hub time of each reading → when it entered the gate; the clients run in this process, so one clock serves both ends.
  const sentAt = new Map<number, number>();
  let received = 0;
  let dropped = 0;
  try {
    const sockets = await Promise.all(
      Array.from({ length: socketCount }, () => {
        const socket = new WebSocket(`${api.base.replace('http', 'ws')}/api/v1/live`, { headers: { cookie: api.cookie } });
        return new Promise<WebSocket>((resolve, reject) => {
          socket.on('message', (data: Buffer) => {
            const message = JSON.parse(data.toString('utf8')) as { type: string; count?: number; reading?: { ts: number } };
            if (message.type === 'subscribed') resolve(socket);
            if (message.type === 'reading' && message.reading !== undefined) {
              received += 1;
              latencies.push(performance.now() - (sentAt.get(message.reading.ts) ?? Number.NaN));
            }
            if (message.type === 'dropped') dropped += message.count ?? 0;
          });
          socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', personIds: ['alice'] })));
          socket.once('error', reject);
        });
      }),
    );
    const expected = READINGS * socketCount;
    const started = Date.now();
    // Distinct, slightly past timestamps: the gate refuses readings from the future.
    let ts = started - READINGS - 1000;
    for (let i = 0; i < READINGS; i += BURST) {
      const readings = Array.from({ length: BURST }, () => ({ metric: 'heart_rate' as const, value: 70, ts: (ts += 1) }));
      const now = performance.now();
      for (const reading of readings) sentAt.set(reading.ts, now);
      api.hub.context.ingest.submit({ deviceId: 'strap', readings });
      await new Promise((r) => setImmediate(r));
    }
    while (received + dropped < expected && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 5));
    const seconds = (Date.now() - started) / 1000;
    for (const socket of sockets) socket.close();
    latencies.sort((a, b) => a - b);
    return { sockets: socketCount, deliveredPerS: received / seconds, p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), p99Ms: percentile(latencies, 99), dropped };
  } finally {
    await api.hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<FanoutFigures[]> {
  const results = [await fanout(1), await fanout(20)];
  printTable(`api: live fan-out of ${READINGS} readings through the gate, bursts of ${BURST}`, [
    ...results.map(
      (r) =>
        [
          `${r.sockets} socket${r.sockets === 1 ? '' : 's'}`,
          `${Math.round(r.deliveredPerS)} readings/s delivered, latency p50 ${r.p50Ms.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, dropped ${r.dropped}`,
        ] as const,
    ),
  ]);
  return results;
}

if (isMain(import.meta.url)) await run();
