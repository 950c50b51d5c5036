import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import t from 'tap';
import { ApiClient, onboardOwner } from '../api/api-harness.js';
import { freePort, getJson, runCli, startHubProcess, waitFor, type RunningHub } from '../helpers/hub-process.js';

const ROUNDS = 3;
/** Integrations posting to the HTTP ingest, and devices publishing at QoS 1, each with its own device id. */
const POSTERS = 3;
const PUBLISHERS = 3;
const READINGS_PER_POST = 5;
/** A hub starts slowly on a busy two-core box; the bound only keeps a hung start from hanging the suite. */
const START_BOUND_MS = 120_000;
// Several hub starts in this file, each allowed its bound: more than the suite's five minutes per file.
t.setTimeout(600_000);

/** The device times of the readings each device had acknowledged, and a way to wait for the next ones. */
class Acknowledged {
  readonly times = new Map<string, Set<number>>();
  private waiting: { devices: Set<string>; resolve: () => void } | undefined;

  note(deviceId: string, times: readonly number[]): void {
    const set = this.times.get(deviceId) ?? new Set<number>();
    for (const time of times) set.add(time);
    this.times.set(deviceId, set);
    const waiting = this.waiting;
    if (waiting === undefined) return;
    waiting.devices.delete(deviceId);
    if (waiting.devices.size === 0) {
      this.waiting = undefined;
      waiting.resolve();
    }
  }

  get readings(): number {
    return [...this.times.values()].reduce((n, set) => n + set.size, 0);
  }

  /** Resolves once each of these devices has had one more acknowledgement. */
  fromEach(deviceIds: readonly string[]): Promise<void> {
    return new Promise((resolve) => (this.waiting = { devices: new Set(deviceIds), resolve }));
  }
}

/**
 * One integration posting without pause until the hub dies under it: records the readings of every
 * answer that says they were accepted. `nextTs` hands out device times no post repeats.
 */
async function postUntilRefused(client: ApiClient, deviceId: string, nextTs: () => number, acknowledged: Acknowledged): Promise<void> {
  for (let post = 0; ; post++) {
    const readings = Array.from({ length: READINGS_PER_POST }, (_, i) => ({ metric: 'heart_rate', value: 60 + ((post + i) % 40), ts: nextTs() }));
    let answer;
    try {
      answer = await client.post(`/api/v1/ingest/${deviceId}`, { readings });
    } catch {
      return;
    }
    if (answer.status < 200 || answer.status >= 300) return;
    const { accepted } = answer.body as { accepted: number };
    if (accepted !== readings.length) throw new Error(`the hub took ${accepted} of ${readings.length} fresh readings: ${answer.text}`);
    acknowledged.note(deviceId, readings.map((r) => r.ts));
  }
}

/** A device's connection that does not reconnect, so nothing sent before a kill is resent to the next hub and taken for a delivery. */
async function connectDevice(port: number, login: { username: string; password: string }, clientId: string): Promise<MqttClient> {
  const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, { ...login, clientId, reconnectPeriod: 0, connectTimeout: START_BOUND_MS });
  client.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('close', () => reject(new Error(`${clientId} could not connect`)));
  });
  return client;
}

/**
 * One device publishing at QoS 1 without pause until its connection drops: a reading counts as
 * acknowledged when its PUBACK arrived.
 */
async function publishUntilDropped(client: MqttClient, deviceId: string, nextTs: () => number, acknowledged: Acknowledged): Promise<void> {
  const dropped = new Promise<'dropped'>((resolve) => {
    if (!client.connected) resolve('dropped');
    client.once('close', () => resolve('dropped'));
  });
  try {
    for (let message = 0; ; message++) {
      const ts = nextTs();
      const sent = client.publishAsync(`hearth/ingest/${deviceId}`, JSON.stringify({ metric: 'heart_rate', value: 60 + (message % 40), ts }), { qos: 1 }).then(
        () => 'acknowledged' as const,
        () => 'dropped' as const,
      );
      if ((await Promise.race([sent, dropped])) === 'dropped') return;
      acknowledged.note(deviceId, [ts]);
    }
  } finally {
    client.end(true);
  }
}

/** Device times stored for each device's heart rate, read beside the running hub. */
function storedTimes(dataDir: string, deviceIds: readonly string[]): Map<string, Set<number>> {
  const db = new Database(join(dataDir, 'hearth.db'), { readonly: true, fileMustExist: true });
  try {
    const select = db.prepare<[string], number>("SELECT s.ts FROM sample s JOIN series r ON r.id = s.series_id WHERE r.device_id = ? AND r.metric = 'heart_rate'").pluck();
    return new Map(deviceIds.map((id) => [id, new Set(select.all(id))]));
  } finally {
    db.close();
  }
}

async function healthy(hub: RunningHub): Promise<void> {
  const exited = hub.exited.then((code) => Promise.reject(new Error(`the hub exited with ${String(code)}: ${hub.output()}`)));
  exited.catch(() => undefined);
  await Promise.race([waitFor('the hub to answer', async () => ((await getJson(hub.port, '/api/v1/health')).status === 200 ? true : undefined), START_BOUND_MS), exited]);
}

t.test('every reading acknowledged over HTTP ingest or MQTT QoS 1 is in the database after a SIGKILL', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-ack-kill-'));
  const configFile = join(dataDir, 'hearth.yaml');
  writeFileSync(configFile, 'version: 1\nsimulation:\n  enabled: false\ninference:\n  enabled: false\n');
  const port = await freePort();
  const mqttPort = await freePort();
  const env = { HEARTH_DATA_DIR: dataDir, HEARTH_CONFIG: configFile, HEARTH_MQTT_PORT: String(mqttPort) };
  let hub = startHubProcess(env, port);
  t.teardown(() => void hub.child.kill('SIGKILL'));
  await healthy(hub);
  const base = `http://127.0.0.1:${port}`;
  const owner = await onboardOwner(base);
  const { token } = (await owner.post('/api/v1/tokens', { name: 'kill probe', scopes: ['ingest'] })).body as { token: string };
  const posterIds = Array.from({ length: POSTERS }, (_, i) => `kill-probe-http-${i}`);
  const publisherIds = Array.from({ length: PUBLISHERS }, (_, i) => `kill-probe-mqtt-${i}`);
  const logins = new Map<string, { username: string; password: string }>();
  for (const id of publisherIds) {
    const added = await runCli(['mqtt-user', 'add', id, '--role', 'device', '--device', id, '--data-dir', dataDir], env);
    t.equal(added.code, 0, `credential for ${id} ${added.stderr}`);
    const { username, password } = JSON.parse(added.stdout) as { username: string; password: string };
    logins.set(id, { username, password });
  }
  const acknowledged = new Acknowledged();
  let ts = Date.now() - 3_600_000;
  const nextTs = (): number => ts++;

  for (let round = 1; round <= ROUNDS; round++) {
    // Connected first: a device's login is checked against a memory-hard hash, slow on a busy box.
    const devices = await Promise.all(publisherIds.map((id) => connectDevice(mqttPort, logins.get(id) ?? { username: '', password: '' }, id)));
    const everyone = acknowledged.fromEach([...posterIds, ...publisherIds]);
    const acknowledgedBefore = acknowledged.readings;
    const senders = [
      ...posterIds.map((id) => {
        const client = new ApiClient(base);
        client.token = token;
        return postUntilRefused(client, id, nextTs, acknowledged);
      }),
      ...publisherIds.map((id, i) => publishUntilDropped(devices[i] as MqttClient, id, nextTs, acknowledged)),
    ];
    // A sender that fails (a short acceptance, a dropped connection) fails the round at once rather
    // than leaving it waiting for acknowledgements that cannot come.
    const stopped = Promise.all(senders).then(() => Promise.reject(new Error('the senders stopped before the kill')));
    stopped.catch(() => undefined);
    // Every sender has had something acknowledged, over both ways in; then the kill comes at a
    // random moment, unrelated to the store's commits.
    await Promise.race([everyone, stopped]);
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 1500)));
    hub.child.kill('SIGKILL');
    await hub.exited;
    await Promise.all(senders);
    t.pass(`round ${round}: ${acknowledged.readings - acknowledgedBefore} readings acknowledged before the kill, from every sender`);

    hub = startHubProcess(env, port);
    await healthy(hub);
    const ids = [...posterIds, ...publisherIds];
    const stored = storedTimes(dataDir, ids);
    const missing = ids.flatMap((id) => [...(acknowledged.times.get(id) ?? [])].filter((time) => !(stored.get(id)?.has(time) ?? false)).map((time) => `${id}@${time}`));
    const storedCount = [...stored.values()].reduce((n, set) => n + set.size, 0);
    const over = (senderIds: readonly string[]): number => senderIds.reduce((n, id) => n + (acknowledged.times.get(id)?.size ?? 0), 0);
    t.same(missing, [], `round ${round}: ${over(posterIds)} readings acknowledged over HTTP and ${over(publisherIds)} over MQTT, ${storedCount} stored, none acknowledged missing`);
    t.ok(storedCount >= acknowledged.readings, 'stored at least as many as acknowledged');
  }
  hub.child.kill('SIGTERM');
  t.equal(await hub.exited, 0, 'the last hub stops cleanly');
});
