/**
 * What an MQTT CONNECT with a device credential costs the hub: connects per second and the hub's
 * CPU per connect, for N device credentials connecting one after another and CONCURRENCY at a time.
 * The baseline is in the same run: credentials kept as scrypt, as an older hub made them, on their
 * first connect (which checks scrypt and rewrites them as HMAC); then the same credentials again
 * (a repeat connect, now HMAC), new credentials (HMAC from the start), and a flood of wrong
 * passwords. The hub is a real `hearth run` child process, so its CPU (from /proc, 10 ms ticks)
 * holds none of the clients'. Each client is torn down after its CONNACK.
 *
 * BENCH_CONNECTS (100) credentials per run; BENCH_CONNECT_CONCURRENCY (32) at once. The hub lets
 * that many sockets wait from one address (as many devices on their own addresses would), not the
 * default 8 per address, and gives a CONNECT 60 s, not 5, so that every scrypt check queued behind
 * the others is measured rather than cut off. What the idle hub burns is printed beside the
 * figures, as is the machine's load: on a shared machine the figures move.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { systemClock } from '../core/clock.js';
import { MqttCredentials } from '../hub/mqtt/mqtt-credentials.js';
import { newSalt, newSecret, scryptHash } from '../hub/mqtt/secret-hash.js';
import { DATABASE_FILE } from '../hub/store/database-file.js';
import { freePort, getJson, startHubProcess, waitFor, type RunningHub } from '../test/helpers/hub-process.js';
import { isMain, printTable, withTempDir } from './lib/bench-env.js';

const CONNECTS = Number(process.env['BENCH_CONNECTS'] ?? 100);
const CONCURRENCY = Number(process.env['BENCH_CONNECT_CONCURRENCY'] ?? 32);
const IDLE_MS = 3000;

interface Credential {
  readonly username: string;
  readonly password: string;
}

interface Figures {
  readonly perSecond: number;
  readonly cpuMsPerConnect: number;
  readonly refused: number;
}

async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function startHub(dir: string): Promise<{ hub: RunningHub; mqttPort: number; dataDir: string }> {
  const dataDir = join(dir, 'data');
  const configFile = join(dir, 'hearth.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      version: 1,
      http: { host: '127.0.0.1' },
      simulation: { enabled: false },
      ble: { enabled: false },
      serial: { enabled: false },
      mqtt: { host: '127.0.0.1', limits: { maxConnections: Math.max(100, CONCURRENCY * 2), maxPendingConnections: Math.max(32, CONCURRENCY), maxPendingPerAddress: Math.max(32, CONCURRENCY), connectTimeoutMs: 60_000 } },
    }),
  );
  const port = await freePort();
  const mqttPort = await freePort();
  const hub = startHubProcess({ HEARTH_CONFIG: configFile, HEARTH_DATA_DIR: dataDir, HEARTH_MQTT_PORT: String(mqttPort) }, port);
  await waitFor('the hub to answer health', async () => ((await getJson(port, '/api/v1/health')).status === 200 ? true : undefined), 60_000);
  return { hub, mqttPort, dataDir };
}

/** Credentials made as `hearth mqtt-user add` makes them, through the hub's database. */
async function newCredentials(db: Database.Database, prefix: string): Promise<Credential[]> {
  const credentials = new MqttCredentials(db, systemClock);
  const made: Credential[] = [];
  for (let i = 0; i < CONNECTS; i++) {
    const name = `${prefix}-${i}`;
    const { secret } = await credentials.add({ name, role: 'device', deviceId: name });
    made.push({ username: name, password: secret });
  }
  return made;
}

/** Credentials as an older hub kept them: a scrypt hash of the secret. */
async function scryptCredentials(db: Database.Database, prefix: string): Promise<Credential[]> {
  const insert = db.prepare(`INSERT INTO mqtt_credential (name, role, device_id, person_id, salt, hash, kdf, created_at) VALUES (?, 'device', ?, NULL, ?, ?, 'scrypt', ?)`);
  const made: Credential[] = [];
  for (let i = 0; i < CONNECTS; i++) {
    const name = `${prefix}-${i}`;
    const password = newSecret();
    const salt = newSalt();
    insert.run(name, name, salt, await scryptHash(password, salt), Date.now());
    made.push({ username: name, password });
  }
  return made;
}

/** Connects each credential once (CONNACK, then gone), `lanes` at a time; counts refusals. */
async function connectAll(url: string, pid: number, credentials: readonly Credential[], lanes: number): Promise<Figures> {
  let next = 0;
  let refused = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < credentials.length; i = next++) {
      const credential = credentials[i];
      if (credential === undefined) continue;
      try {
        const client = await mqtt.connectAsync(url, { username: credential.username, password: credential.password, clientId: `${credential.username}-${i}`, reconnectPeriod: 0, connectTimeout: 90_000 }, false);
        await client.endAsync(true);
      } catch {
        refused++;
      }
    }
  };
  const cpuBefore = await cpuSeconds(pid);
  const started = performance.now();
  await Promise.all(Array.from({ length: lanes }, lane));
  const elapsedS = (performance.now() - started) / 1000;
  const cpu = (await cpuSeconds(pid)) - cpuBefore;
  return { perSecond: credentials.length / elapsedS, cpuMsPerConnect: (cpu * 1000) / credentials.length, refused };
}

export async function run(): Promise<void> {
  await withTempDir(async (dir) => {
    const { hub, mqttPort, dataDir } = await startHub(dir);
    const pid = hub.child.pid ?? 0;
    const url = `mqtt://127.0.0.1:${mqttPort}`;
    const db = new Database(join(dataDir, DATABASE_FILE), { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      const scryptOnes = await scryptCredentials(db, 'scrypt-seq');
      const scryptConcurrent = await scryptCredentials(db, 'scrypt-con');
      const fresh = await newCredentials(db, 'hmac');
      const wrong = fresh.map((c) => ({ username: c.username, password: `${c.password}x` }));
      const load = loadavg()[0] ?? Number.NaN;
      const idleFrom = await cpuSeconds(pid);
      await new Promise((r) => setTimeout(r, IDLE_MS));
      const idleMsPerS = (((await cpuSeconds(pid)) - idleFrom) * 1000) / (IDLE_MS / 1000);

      const rows: [string, Figures, Figures][] = [];
      const sequentialFirst = await connectAll(url, pid, scryptOnes, 1);
      const concurrentFirst = await connectAll(url, pid, scryptConcurrent, CONCURRENCY);
      rows.push(['scrypt, first connect (the baseline: as every connect was)', sequentialFirst, concurrentFirst]);
      rows.push(['the same credentials again (rewritten as HMAC)', await connectAll(url, pid, scryptOnes, 1), await connectAll(url, pid, scryptConcurrent, CONCURRENCY)]);
      rows.push(['new credentials (HMAC from the start)', await connectAll(url, pid, fresh, 1), await connectAll(url, pid, fresh, CONCURRENCY)]);
      rows.push(['wrong passwords (refused)', await connectAll(url, pid, wrong, 1), await connectAll(url, pid, wrong, CONCURRENCY)]);

      const cell = (f: Figures, baseline: Figures): string => {
        const times = baseline.cpuMsPerConnect / Math.max(f.cpuMsPerConnect, 0.01);
        const refusedNote = f.refused > 0 ? `, ${f.refused} refused` : '';
        return `${f.perSecond.toFixed(1).padStart(7)}/s  ${f.cpuMsPerConnect.toFixed(2).padStart(7)} ms CPU${f === baseline ? '' : ` (1/${times.toFixed(0)})`}${refusedNote}`;
      };
      const cells = rows.map(([label, sequential, concurrent]) => [label, cell(sequential, sequentialFirst), cell(concurrent, concurrentFirst)] as const);
      const width = Math.max(...cells.map(([, sequential]) => sequential.length)) + 1;
      printTable(`MQTT connects: ${CONNECTS} device credentials, one at a time | ${CONCURRENCY} at a time; the hub's CPU per connect (load ${load.toFixed(2)})`, [
        ['', `${'one at a time'.padEnd(width)}| ${CONCURRENCY} at a time`],
        ...cells.map(([label, sequential, concurrent]): [string, string] => [label, `${sequential.padEnd(width)}| ${concurrent}`]),
        ['the idle hub, for comparison', `${idleMsPerS.toFixed(1)} ms CPU per second`],
        ['target', 'a repeat connect and a new credential cost well under 1/10 of the scrypt baseline'],
      ]);
    } finally {
      db.close();
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
  });
}

if (isMain(import.meta.url)) await run();
