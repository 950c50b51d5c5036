/**
 * The hub under floods: `/health` and MQTT QoS 1 acknowledgements while viewers post heavy GraphQL
 * queries as fast as they are answered, and then while another device publishes QoS 1 readings as
 * fast as they are acknowledged, next to the same probes on the quiet hub. The GraphQL flood
 * mixes the heaviest query the limits allow (15 series of up to 5000 points) with the documents a
 * probe once used to take a hub down (2,000 aliases; 7,000 aliases in 901 KB). The hub is a real
 * `hearth run` child process over 3 days of 1 Hz heart rate; the flood runs in a worker thread.
 * Targets under either flood: /health p99 < 200 ms, QoS 1 PUBACK p99 < 100 ms.
 *
 * BENCH_FLOOD_CLIENTS (8), BENCH_FLOOD_SECONDS (20), BENCH_QUIET_SECONDS (10) change the load;
 * BENCH_FLOOD_DOCUMENTS picks documents; BENCH_MQTT_FLOOD_CLIENTS (4) connections keep
 * BENCH_MQTT_FLOOD_INFLIGHT (16) readings each unacknowledged for BENCH_MQTT_FLOOD_SECONDS (20); BENCH_HUB_HEAP_MB caps the hub's heap (a hub without
 * limits can take gigabytes). The machine's load is printed: on a shared machine the figures move.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import mqtt from 'mqtt';
import { freePort, getJson, runCli, startHubProcess, waitFor, type RunningHub } from '../test/helpers/hub-process.js';
import { percentile } from './lib/api-hub.js';
import { isMain, printTable, withTempDir } from './lib/bench-env.js';
import type { FloodOrder, FloodTally } from './lib/graphql-flood-worker.js';
import type { MqttFloodOrder, MqttFloodTally } from './lib/mqtt-flood-worker.js';
import type { SocketFloodOrder, SocketFloodTally } from './lib/socket-flood-worker.js';
import { BENCH_T0, heartRateAt1Hz, openBenchStore, writeAll } from './lib/store-fixtures.js';

const DAYS = 3;
const FLOOD_CLIENTS = Number(process.env['BENCH_FLOOD_CLIENTS'] ?? 8);
const FLOOD_MS = Number(process.env['BENCH_FLOOD_SECONDS'] ?? 20) * 1000;
const QUIET_MS = Number(process.env['BENCH_QUIET_SECONDS'] ?? 10) * 1000;
const MQTT_FLOOD_CLIENTS = Number(process.env['BENCH_MQTT_FLOOD_CLIENTS'] ?? 4);
const MQTT_FLOOD_INFLIGHT = Number(process.env['BENCH_MQTT_FLOOD_INFLIGHT'] ?? 16);
const MQTT_FLOOD_MS = Number(process.env['BENCH_MQTT_FLOOD_SECONDS'] ?? 20) * 1000;
const SOCKET_FLOOD_SOCKETS = Number(process.env['BENCH_SOCKET_FLOOD_SOCKETS'] ?? 100);
const SOCKET_FLOOD_MS = Number(process.env['BENCH_SOCKET_FLOOD_SECONDS'] ?? 20) * 1000;
const HEAP_MB = process.env['BENCH_HUB_HEAP_MB'];
/** Which of the flood's documents to send (0 the heaviest allowed, 1 people, 2 and 3 the probe's), e.g. "0,2". */
const ONLY = process.env['BENCH_FLOOD_DOCUMENTS']?.split(',').map(Number);
const HEALTH_EVERY_MS = 50;
const PUBLISH_EVERY_MS = 50;
const DEVICE = 'bench-device';
/** The device whose readings flood the broker (its own credential, so the probe's device is untouched). */
const FLOOD_DEVICE = 'flood-device';
/** A probe still unanswered after this counts as failed (a hub that stopped answering). */
const GIVE_UP_MS = 60_000;

interface Probed {
  readonly health: number[];
  readonly acks: number[];
  readonly healthFailures: number;
  readonly ackFailures: number;
  readonly maxRssMb: number;
  /** The hub's own event-loop delay over the phase (its /metrics), which the machine's load does not explain away. */
  readonly loopLag: { readonly p99Ms: number; readonly maxMs: number } | undefined;
  /** CPU time the hub used over the phase, as a share of one core. */
  readonly cpuShare: number;
}

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

async function post(base: string, path: string, body: unknown, session?: Session): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session !== undefined ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) },
    body: JSON.stringify(body),
  });
}

async function sessionOf(response: Response): Promise<Session> {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('hearth_session='))?.split(';')[0];
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  if (cookie === undefined) throw new Error(`no session (${response.status})`);
  return { cookie, csrf: csrfToken };
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kb === undefined ? 0 : Number(kb) / 1024;
}

/** The hub's event-loop delay since the previous scrape; a scrape starts a new window. */
async function loopLag(base: string): Promise<{ p99Ms: number; maxMs: number } | undefined> {
  const response = await fetch(`${base}/metrics`).catch(() => undefined);
  if (response?.status !== 200) return undefined;
  const text = await response.text();
  const stat = (name: string): number => Number(new RegExp(`^hearth_event_loop_lag_seconds\\{stat="${name}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN) * 1000;
  return { p99Ms: stat('p99'), maxMs: stat('max') };
}

/** User and system CPU time of a process, in seconds. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The documents of the flood, as JSON bodies. */
function floodDocuments(): FloodOrder['documents'] {
  const day = 86_400_000;
  // As much as the default answer limit (2 MiB, at 80 bytes a point) lets through: 15 × 1600 points.
  const heavy = Array.from({ length: 15 }, (_, i) => {
    const from = BENCH_T0 + (i % DAYS) * day + i * 600_000;
    // 1600 s are raw readings, one a second; a day is minute rollups.
    const to = i % 2 === 0 ? from + 1_600_000 : from + day;
    return `s${i}: series(personId: "alice", metric: "heart_rate", from: ${from}, to: ${to}, maxPoints: 1600) { resolution points { ts value min max count } }`;
  });
  const probeAliases = (count: number, pad: number): string =>
    `{ ${Array.from({ length: count }, (_, i) => `a${i}: series(personId: "alice", metric: "heart_rate", from: ${BENCH_T0}, to: ${BENCH_T0 + day}, maxPoints: 5000) { points { ts value${' '.repeat(pad)} } }`).join(' ')} }`;
  const documents = [
    { name: '15 series × 1600 points (the limits)', body: JSON.stringify({ query: `{ ${heavy.join(' ')} }` }) },
    { name: 'people and devices', body: JSON.stringify({ query: '{ people { id name latest { metric value ts } devices { id lastSeen } } devices { id name } }' }) },
    { name: 'probe: 2,000 aliases', body: JSON.stringify({ query: probeAliases(2000, 0) }) },
    { name: 'probe: 7,000 aliases', body: JSON.stringify({ query: probeAliases(7000, 0) }) },
  ];
  const chosen = ONLY === undefined ? documents : documents.filter((_, i) => ONLY.includes(i));
  return chosen.map((d) => ({ ...d, name: `${d.name}, ${Math.round(d.body.length / 1024)} KB` }));
}

/** Health every 50 ms and a QoS 1 reading every 50 ms, for `ms`; the hub's RSS alongside. */
async function probe(base: string, mqttUrl: string, secret: string, pid: number, ms: number): Promise<Probed> {
  const client = await mqtt.connectAsync(mqttUrl, { username: DEVICE, password: secret, reconnectPeriod: 0 });
  const health: number[] = [];
  const acks: number[] = [];
  let healthFailures = 0;
  let ackFailures = 0;
  let maxRss = 0;
  await loopLag(base);
  const cpuBefore = await cpuSeconds(pid);
  const started = performance.now();
  const deadline = started + ms;
  const tick = (every: number, body: () => Promise<void>): Promise<void> =>
    (async () => {
      const pending: Promise<void>[] = [];
      for (let next = performance.now(); next < deadline; next += every) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        // Open loop: a slow answer does not delay the next probe, so it cannot hide its own lateness.
        pending.push(body());
      }
      await Promise.all(pending);
    })();
  try {
    let value = 60;
    await Promise.all([
      tick(HEALTH_EVERY_MS, async () => {
        const t0 = performance.now();
        try {
          const response = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(GIVE_UP_MS) });
          await response.arrayBuffer();
          if (response.status !== 200) healthFailures++;
        } catch {
          healthFailures++;
        }
        health.push(performance.now() - t0);
      }),
      tick(PUBLISH_EVERY_MS, async () => {
        const t0 = performance.now();
        const published = client.publishAsync(`hearth/ingest/${DEVICE}`, JSON.stringify({ metric: 'heart_rate', value: 60 + (value++ % 40), unit: 'bpm' }), { qos: 1 });
        let timer: NodeJS.Timeout | undefined;
        const gaveUp = new Promise<'gave up'>((resolve) => (timer = setTimeout(() => resolve('gave up'), GIVE_UP_MS)));
        const outcome = await Promise.race([published.then(() => 'acked' as const, () => 'gave up' as const), gaveUp]);
        clearTimeout(timer);
        if (outcome === 'acked') acks.push(performance.now() - t0);
        else ackFailures++;
      }),
      tick(500, async () => {
        maxRss = Math.max(maxRss, await rssMb(pid));
      }),
    ]);
  } finally {
    await client.endAsync();
  }
  const lag = await loopLag(base);
  const cpuShare = ((await cpuSeconds(pid)) - cpuBefore) / ((performance.now() - started) / 1000);
  return { health: health.sort((a, b) => a - b), acks: acks.sort((a, b) => a - b), healthFailures, ackFailures, maxRssMb: maxRss, loopLag: lag, cpuShare };
}

function inWorker<Order, Tally>(file: string, order: Order): Promise<Tally> {
  const worker = new Worker(new URL(`./lib/${file}`, import.meta.url), { workerData: order });
  return new Promise((resolve, reject) => {
    worker.once('message', (tally: Tally) => resolve(tally));
    worker.once('error', reject);
  });
}

async function deviceSecret(dir: string, deviceId: string): Promise<string> {
  const added = await runCli(['mqtt-user', 'add', deviceId, '--role', 'device', '--device', deviceId, '--data-dir', join(dir, 'data')]);
  if (added.code !== 0) throw new Error(`mqtt-user add: ${added.stderr}`);
  return (JSON.parse(added.stdout) as { password: string }).password;
}

async function startHub(dir: string): Promise<{ hub: RunningHub; base: string; mqttUrl: string }> {
  const dataDir = join(dir, 'data');
  const seeded = await openBenchStore(join(dataDir, 'hearth.db'));
  writeAll(seeded, heartRateAt1Hz(DAYS * 86_400));
  await seeded.stop();
  const configFile = join(dir, 'hearth.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      version: 1,
      http: { host: '127.0.0.1' },
      simulation: { enabled: false },
      ble: { enabled: false },
      serial: { enabled: false },
      household: { people: [{ id: 'alice', name: 'Alice' }], devices: [{ id: 'strap', personId: 'alice' }, { id: DEVICE, personId: 'alice' }, { id: FLOOD_DEVICE, personId: 'alice' }] },
    }),
  );
  const port = await freePort();
  const mqttPort = await freePort();
  const hub = startHubProcess(
    { HEARTH_CONFIG: configFile, HEARTH_DATA_DIR: dataDir, HEARTH_MQTT_PORT: String(mqttPort), ...(HEAP_MB !== undefined ? { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` } : {}) },
    port,
  );
  await waitFor('the hub to answer health', async () => ((await getJson(port, '/api/v1/health')).status === 200 ? true : undefined), 60_000);
  return { hub, base: `http://127.0.0.1:${port}`, mqttUrl: `mqtt://127.0.0.1:${mqttPort}` };
}

export async function run(): Promise<void> {
  await withTempDir(async (dir) => {
    const { hub, base, mqttUrl } = await startHub(dir);
    const pid = hub.child.pid ?? 0;
    try {
      const owner = await sessionOf(await post(base, '/api/v1/onboarding', { username: 'owner', password: 'bench password 123', displayName: 'Owner' }));
      const created = await post(base, '/api/v1/users', { username: 'viewer', password: 'viewer password 123', displayName: 'Viewer', role: 'viewer', grants: ['alice'] }, owner);
      if (created.status !== 201) throw new Error(`creating the viewer: ${created.status} ${await created.text()}`);
      const viewer = await sessionOf(await post(base, '/api/v1/auth/login', { username: 'viewer', password: 'viewer password 123' }));
      const secret = await deviceSecret(dir, DEVICE);
      const floodSecret = await deviceSecret(dir, FLOOD_DEVICE);

      const load = loadavg()[0] ?? Number.NaN;
      const quiet = await probe(base, mqttUrl, secret, pid, QUIET_MS);
      const order: FloodOrder = {
        url: `${base}/graphql`,
        headers: { 'content-type': 'application/json', cookie: viewer.cookie, 'x-csrf-token': viewer.csrf },
        documents: floodDocuments(),
        concurrency: FLOOD_CLIENTS,
        durationMs: FLOOD_MS,
      };
      const [tally, loud] = await Promise.all([inWorker<FloodOrder, FloodTally>('graphql-flood-worker.js', order), probe(base, mqttUrl, secret, pid, FLOOD_MS)]);
      const aliveAfterGraphql = hub.child.exitCode === null;
      const mqttOrder: MqttFloodOrder = {
        url: mqttUrl,
        username: FLOOD_DEVICE,
        password: floodSecret,
        deviceId: FLOOD_DEVICE,
        clients: MQTT_FLOOD_CLIENTS,
        inflight: MQTT_FLOOD_INFLIGHT,
        durationMs: MQTT_FLOOD_MS,
      };
      const [mqttTally, published] = aliveAfterGraphql
        ? await Promise.all([inWorker<MqttFloodOrder, MqttFloodTally>('mqtt-flood-worker.js', mqttOrder), probe(base, mqttUrl, secret, pid, MQTT_FLOOD_MS)])
        : [undefined, undefined];
      const aliveAfterMqtt = hub.child.exitCode === null;
      const mqttAddress = new URL(mqttUrl);
      const socketOrder: SocketFloodOrder = { host: mqttAddress.hostname, port: Number(mqttAddress.port), sockets: SOCKET_FLOOD_SOCKETS, durationMs: SOCKET_FLOOD_MS };
      const [socketTally, besieged] = aliveAfterMqtt
        ? await Promise.all([inWorker<SocketFloodOrder, SocketFloodTally>('socket-flood-worker.js', socketOrder), probe(base, mqttUrl, secret, pid, SOCKET_FLOOD_MS)])
        : [undefined, undefined];
      const alive = hub.child.exitCode === null;

      const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '—');
      const lagOf = (p: Probed): string => (p.loopLag === undefined ? '—' : `${ms(p.loopLag.p99Ms)} / ${ms(p.loopLag.maxMs)}`);
      const latency = (v: readonly number[]): string => `${ms(percentile(v, 50))} / ${ms(percentile(v, 99))} / ${ms(v[v.length - 1] ?? Number.NaN)}`;
      printTable(`GraphQL flood: ${FLOOD_CLIENTS} viewers posting back to back for ${FLOOD_MS / 1000} s, against ${QUIET_MS / 1000} s quiet`, [
        ['/health p50 / p99 / max, quiet', latency(quiet.health)],
        ['/health p50 / p99 / max, under the flood', latency(loud.health)],
        ['/health failures (quiet / flood)', `${quiet.healthFailures} / ${loud.healthFailures}`],
        ['QoS 1 PUBACK p50 / p99 / max, quiet', latency(quiet.acks)],
        ['QoS 1 PUBACK p50 / p99 / max, under the flood', latency(loud.acks)],
        ['acknowledged readings (quiet / flood), unacknowledged', `${quiet.acks.length} / ${loud.acks.length}, ${quiet.ackFailures + loud.ackFailures}`],
        ['hub RSS max (quiet / GraphQL flood)', `${quiet.maxRssMb.toFixed(0)} MB / ${loud.maxRssMb.toFixed(0)} MB`],
        ["hub's event-loop delay p99 / max, quiet", lagOf(quiet)],
        ["hub's event-loop delay p99 / max, under the flood", lagOf(loud)],
        ['hub CPU, share of one core (quiet / flood)', `${quiet.cpuShare.toFixed(2)} / ${loud.cpuShare.toFixed(2)}`],
        ['GraphQL requests answered (failed)', `${tally.requests} (${tally.failures})`],
        ...Object.entries(tally.outcomes)
          .sort()
          .map(([key, count]): [string, string] => [`  ${key}`, String(count)]),
        ['GraphQL answers: total / largest', `${(tally.answerBytes / 1e6).toFixed(1)} MB / ${(tally.largestAnswer / 1e6).toFixed(2)} MB`],
        ['slowest GraphQL answer', ms(tally.slowestMs)],
        ['hub still running after the GraphQL flood', aliveAfterGraphql ? 'yes' : `no (exit ${hub.child.exitCode})`],
      ]);
      if (published !== undefined && mqttTally !== undefined) {
        printTable(
          `MQTT publish flood: ${MQTT_FLOOD_CLIENTS} connections of one device, ${MQTT_FLOOD_INFLIGHT} QoS 1 readings each in flight, for ${MQTT_FLOOD_MS / 1000} s`,
          [
            ['/health p50 / p99 / max, quiet', latency(quiet.health)],
            ['/health p50 / p99 / max, under the flood', latency(published.health)],
            ['/health failures (quiet / flood)', `${quiet.healthFailures} / ${published.healthFailures}`],
            ["probe device's QoS 1 PUBACK p50 / p99 / max, quiet", latency(quiet.acks)],
            ["probe device's QoS 1 PUBACK p50 / p99 / max, under the flood", latency(published.acks)],
            ["probe device's readings acknowledged (quiet / flood), unacknowledged", `${quiet.acks.length} / ${published.acks.length}, ${published.ackFailures}`],
            ['flood readings acknowledged (per second), failed, connections refused', `${mqttTally.acknowledged} (${(mqttTally.acknowledged / (MQTT_FLOOD_MS / 1000)).toFixed(0)}/s), ${mqttTally.failed}, ${mqttTally.connectFailures}`],
            ['hub RSS max (quiet / MQTT flood)', `${quiet.maxRssMb.toFixed(0)} MB / ${published.maxRssMb.toFixed(0)} MB`],
            ["hub's event-loop delay p99 / max, under the flood", lagOf(published)],
            ['hub CPU, share of one core (quiet / flood)', `${quiet.cpuShare.toFixed(2)} / ${published.cpuShare.toFixed(2)}`],
          ],
        );
      }
      if (besieged !== undefined && socketTally !== undefined) {
        printTable(`Idle-socket flood: ${SOCKET_FLOOD_SOCKETS} TCP sockets that never send a CONNECT, each reopened as the hub closes it, for ${SOCKET_FLOOD_MS / 1000} s`, [
          ['/health p50 / p99 / max, under the flood', latency(besieged.health)],
          ['/health failures', String(besieged.healthFailures)],
          ["probe device's QoS 1 PUBACK p50 / p99 / max, under the flood", latency(besieged.acks)],
          ["probe device's readings acknowledged, unacknowledged", `${besieged.acks.length}, ${besieged.ackFailures}`],
          ['sockets opened, closed by the hub', `${socketTally.opened}, ${socketTally.closedByHub}`],
          ["hub's event-loop delay p99 / max, under the flood", lagOf(besieged)],
          ['hub CPU, share of one core', besieged.cpuShare.toFixed(2)],
        ]);
      }
      printTable('All floods', [
        ['hub still running', alive ? 'yes' : `no (exit ${hub.child.exitCode})`],
        ['machine load average (1 min) before / after', `${load.toFixed(1)} / ${(loadavg()[0] ?? Number.NaN).toFixed(1)}`],
        ['target under each flood', '/health p99 < 200 ms, QoS 1 PUBACK p99 < 100 ms'],
      ]);
    } finally {
      if (hub.child.exitCode === null) hub.child.kill('SIGTERM');
      await hub.exited;
    }
  });
}

if (isMain(import.meta.url)) await run();
