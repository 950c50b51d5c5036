/**
 * Memory of the hub as a household runs it: the simulated household (two people, eight devices),
 * every model on, and 10 dashboard sockets, against the same hub before any socket opened. Prints
 * resident memory (RSS) and its peak; the target for a Pi is at most 150 MB.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, getJson, startHubProcess, waitFor } from '../test/helpers/hub-process.js';
import { isMain, printTable } from './lib/bench-env.js';
import { onboardOwner } from './lib/soak-hub.js';
import { processRssBytes } from './lib/soak-sampler.js';
import { openLiveClients } from './lib/soak-sockets.js';

const SOCKETS = 10;
const SETTLE_MS = Number(process.env['HEARTH_MEMORY_SETTLE_SECONDS'] ?? 30) * 1000;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function sampleRss(pid: number, ms: number): Promise<{ last: number; max: number }> {
  let max = 0;
  let last = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    last = processRssBytes(pid);
    max = Math.max(max, last);
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { last, max };
}

export interface HouseholdMemoryFigures {
  readonly householdRss: number;
  readonly withSocketsRss: number;
  readonly peakRss: number;
  readonly readingsOnSockets: number;
}

export async function run(): Promise<HouseholdMemoryFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-memory-'));
  const configFile = join(dir, 'hearth.json');
  // The default household as `make run` starts it, every model on; only the broker port is free-picked.
  writeFileSync(configFile, JSON.stringify({ version: 1, http: { host: '127.0.0.1' }, mqtt: { port: 0 } }));
  const port = await freePort();
  const hub = startHubProcess({ HEARTH_CONFIG: configFile, HEARTH_DATA_DIR: join(dir, 'data'), HEARTH_LOG_LEVEL: 'warn' }, port);
  try {
    await waitFor('the hub', async () => ((await getJson(port, '/api/v1/health')).status === 200 ? true : undefined), 60_000);
    const pid = hub.child.pid ?? 0;
    const household = await sampleRss(pid, SETTLE_MS);
    const cookie = await onboardOwner(port);
    const clients = await openLiveClients(port, cookie, SOCKETS);
    const withSockets = await sampleRss(pid, SETTLE_MS);
    const readingsOnSockets = clients.total();
    await clients.close();
    const peak = Math.max(household.max, withSockets.max);
    printTable(`Hub memory: simulated household, every model on, ${SOCKETS} dashboard sockets (${SETTLE_MS / 1000} s each phase)`, [
      ['household, no socket (baseline)', mb(household.last)],
      [`household + ${SOCKETS} sockets`, `${mb(withSockets.last)} (target ≤ 150 MB)`],
      ['peak RSS', mb(peak)],
      ['readings delivered to the sockets', String(readingsOnSockets)],
    ]);
    return { householdRss: household.last, withSocketsRss: withSockets.last, peakRss: peak, readingsOnSockets };
  } finally {
    hub.child.kill('SIGTERM');
    await hub.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await run();
