import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { ApiClient, onboardOwner } from '../api/api-harness.js';
import { freePort, getJson, startHubProcess, waitFor, type RunningHub } from '../helpers/hub-process.js';

const ROUNDS = 3;
const POSTERS = 4;
const READINGS_PER_POST = 5;

/** The device times every acknowledged reading of each device was sent with. */
type Acknowledged = Map<string, Set<number>>;

/**
 * One integration posting without pause until the hub dies under it: records the readings of every
 * answer that says they were accepted. `nextTs` hands out device times no post repeats.
 */
async function postUntilRefused(client: ApiClient, deviceId: string, nextTs: () => number, acknowledged: Acknowledged): Promise<number> {
  let posts = 0;
  for (;;) {
    const readings = Array.from({ length: READINGS_PER_POST }, (_, i) => ({ metric: 'heart_rate', value: 60 + ((posts + i) % 40), ts: nextTs() }));
    let answer;
    try {
      answer = await client.post(`/api/v1/ingest/${deviceId}`, { readings });
    } catch {
      return posts;
    }
    if (answer.status < 200 || answer.status >= 300) return posts;
    const { accepted } = answer.body as { accepted: number };
    if (accepted !== readings.length) throw new Error(`the hub took ${accepted} of ${readings.length} fresh readings: ${answer.text}`);
    const times = acknowledged.get(deviceId) ?? new Set<number>();
    for (const r of readings) times.add(r.ts);
    acknowledged.set(deviceId, times);
    posts++;
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
  await waitFor('the hub to answer', async () => ((await getJson(hub.port, '/api/v1/health')).status === 200 ? true : undefined), 30_000);
}

t.test('every reading the HTTP ingest acknowledged as accepted is in the database after a SIGKILL', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-ack-kill-'));
  const configFile = join(dataDir, 'hearth.yaml');
  writeFileSync(configFile, 'version: 1\nsimulation:\n  enabled: false\ninference:\n  enabled: false\n');
  const port = await freePort();
  const env = { HEARTH_DATA_DIR: dataDir, HEARTH_CONFIG: configFile };
  let hub = startHubProcess(env, port);
  t.teardown(() => void hub.child.kill('SIGKILL'));
  await healthy(hub);
  const base = `http://127.0.0.1:${port}`;
  const owner = await onboardOwner(base);
  const { token } = (await owner.post('/api/v1/tokens', { name: 'kill probe', scopes: ['ingest'] })).body as { token: string };
  const deviceIds = Array.from({ length: POSTERS }, (_, i) => `kill-probe-${i}`);
  const acknowledged: Acknowledged = new Map();
  let ts = Date.now() - 3_600_000;
  const nextTs = (): number => ts++;
  let posts = 0;

  for (let round = 1; round <= ROUNDS; round++) {
    const posters = deviceIds.map((id) => {
      const client = new ApiClient(base);
      client.token = token;
      return postUntilRefused(client, id, nextTs, acknowledged);
    });
    // Killed at a moment unrelated to the writer's one-second commits.
    await new Promise((resolve) => setTimeout(resolve, 700 + Math.floor(Math.random() * 1600)));
    hub.child.kill('SIGKILL');
    await hub.exited;
    posts += (await Promise.all(posters)).reduce((a, b) => a + b, 0);

    hub = startHubProcess(env, port);
    await healthy(hub);
    const stored = storedTimes(dataDir, deviceIds);
    const missing = deviceIds.flatMap((id) => [...(acknowledged.get(id) ?? [])].filter((time) => !(stored.get(id)?.has(time) ?? false)));
    const total = [...acknowledged.values()].reduce((n, times) => n + times.size, 0);
    t.equal(missing.length, 0, `round ${round}: ${total} readings acknowledged in ${posts} posts, ${missing.length} of them missing after the restart`);
  }
  hub.child.kill('SIGTERM');
  t.equal(await hub.exited, 0, 'the last hub stops cleanly');
});
