import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { systemClock } from '../../core/clock.js';
import { MqttCredentials } from '../../hub/mqtt/mqtt-credentials.js';
import { newSalt, newSecret, ScryptTurns, scryptHash } from '../../hub/mqtt/secret-hash.js';
import { DATABASE_FILE } from '../../hub/store/database-file.js';
import { connect, connectRefusal, startMqttHub, type MqttHub } from './helpers/mqtt-hub.js';

let hub: MqttHub;
t.before(async () => {
  hub = await startMqttHub();
});
t.teardown(() => hub.stop());

/** The hub's database as another process (the `hearth mqtt-user` CLI) opens it. */
function otherProcess<T>(body: (db: Database.Database) => T): T {
  const db = new Database(join(hub.dataDir, DATABASE_FILE), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return body(db);
  } finally {
    db.close();
  }
}

function storedKdf(name: string): { kdf: string; hash: Buffer } | undefined {
  return otherProcess((db) => db.prepare('SELECT kdf, hash FROM mqtt_credential WHERE name = ?').get(name) as { kdf: string; hash: Buffer } | undefined);
}

/** A credential as a hub from before HMAC-kept secrets stored it: a scrypt hash. */
async function legacyCredential(name: string, deviceId: string): Promise<{ username: string; password: string }> {
  const secret = newSecret();
  const salt = newSalt();
  const hash = await scryptHash(secret, salt);
  otherProcess((db) =>
    db.prepare(`INSERT INTO mqtt_credential (name, role, device_id, person_id, salt, hash, kdf, created_at) VALUES (?, 'device', ?, NULL, ?, ?, 'scrypt', ?)`).run(name, deviceId, salt, hash, Date.now()),
  );
  return { username: name, password: secret };
}

t.test('a credential removed by the CLI is refused on the very next connect after a good one', async (t) => {
  const kit = await hub.credential({ name: 'kit-removed', role: 'device', deviceId: 'kit' });
  for (let i = 0; i < 3; i++) await (await connect(hub.port, kit)).endAsync();
  t.ok(otherProcess((db) => new MqttCredentials(db, systemClock).remove('kit-removed')), 'removed from another connection, as the CLI does');
  const refused = await connectRefusal(hub.port, kit);
  t.match(refused.message, /bad username or password/i, 'the next connect is refused');
});

t.test('a credential issued again under the same name refuses the old secret and takes the new one', async (t) => {
  const old = await hub.credential({ name: 'cuff-reissued', role: 'device', deviceId: 'cuff' });
  await (await connect(hub.port, old)).endAsync();
  t.ok(hub.part.credentials.remove('cuff-reissued'));
  const reissued = await hub.credential({ name: 'cuff-reissued', role: 'device', deviceId: 'cuff' });
  t.match((await connectRefusal(hub.port, old)).message, /bad username or password/i, 'the old secret is refused');
  const client = await connect(hub.port, reissued);
  t.ok(client.connected, 'the new secret connects');
  await client.endAsync();
});

t.test('a wrong password after a right one is refused, and the right one still connects', async (t) => {
  const kit = await hub.credential({ name: 'kit-wrong-after-right', role: 'device', deviceId: 'kit' });
  await (await connect(hub.port, kit)).endAsync();
  for (const wrong of [`${kit.password}x`, kit.password.slice(0, -1), kit.password.toUpperCase(), '']) {
    const refused = await connectRefusal(hub.port, { ...kit, password: wrong });
    t.match(refused.message, /bad username or password|not authorized/i, `refused: ${JSON.stringify(wrong.slice(-4))}`);
  }
  const again = await connect(hub.port, kit);
  t.ok(again.connected);
  await again.endAsync();
});

t.test('new secrets are kept as HMAC-SHA-256 of a 192-bit secret', async (t) => {
  const { username, password } = await hub.credential({ name: 'kit-hmac', role: 'device', deviceId: 'kit' });
  t.equal(Buffer.from(password, 'base64url').length, 24, '24 random bytes');
  t.equal(storedKdf(username)?.kdf, 'hmac-sha256');
});

t.test('a credential kept as scrypt connects, is rewritten as HMAC, and connects again', async (t) => {
  const legacy = await legacyCredential('kit-legacy', 'kit');
  const wrong = await connectRefusal(hub.port, { ...legacy, password: `${legacy.password}x` });
  t.match(wrong.message, /bad username or password/i, 'a wrong secret is refused');
  const before = storedKdf('kit-legacy');
  t.equal(before?.kdf, 'scrypt', 'a wrong secret leaves it as it was');
  const first = await connect(hub.port, legacy);
  t.ok(first.connected, 'its secret connects');
  await first.endAsync();
  const after = storedKdf('kit-legacy');
  t.equal(after?.kdf, 'hmac-sha256', 'rewritten at its first good connect');
  t.notSame(after?.hash, before?.hash);
  const second = await connect(hub.port, legacy);
  t.ok(second.connected, 'and the same secret connects again');
  await second.endAsync();
  t.match((await connectRefusal(hub.port, { ...legacy, password: `${legacy.password}x` })).message, /bad username or password/i, 'a wrong secret is still refused');
});

t.test('two connects at once with a credential kept as scrypt both succeed', async (t) => {
  const legacy = await legacyCredential('cuff-legacy', 'cuff');
  const clients = await Promise.all([connect(hub.port, { ...legacy, clientId: 'cuff-a' }), connect(hub.port, { ...legacy, clientId: 'cuff-b' })]);
  t.ok(clients.every((c) => c.connected));
  await Promise.all(clients.map((c) => c.endAsync()));
  t.equal(storedKdf('cuff-legacy')?.kdf, 'hmac-sha256');
});

t.test('a credential kept as scrypt and removed while its check runs is refused', async (t) => {
  const legacy = await legacyCredential('kit-legacy-removed', 'kit');
  const credentials = hub.part.credentials;
  const checking = credentials.verify(legacy.username, legacy.password);
  t.ok(credentials.remove('kit-legacy-removed'));
  t.equal(await checking, undefined, 'the secret was right, but the credential is gone');
});

t.test('scrypt checks run one at a time, and a check whose connection went is dropped', async (t) => {
  let running = 0;
  let most = 0;
  const hashed: string[] = [];
  const turns = new ScryptTurns(async (secret) => {
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setImmediate(r));
    hashed.push(secret);
    running--;
    return Buffer.from(secret);
  });
  const gone = new AbortController();
  const checks = [turns.hash('a', Buffer.alloc(0)), turns.hash('b', Buffer.alloc(0), gone.signal), turns.hash('c', Buffer.alloc(0))];
  t.equal(turns.waiting, 3);
  gone.abort();
  const results = await Promise.all(checks);
  t.equal(most, 1, 'never two at once');
  t.same(hashed, ['a', 'c'], 'the dropped check did no work');
  t.same(results.map((r) => r?.toString()), ['a', undefined, 'c']);
  t.equal(turns.waiting, 0);
});

t.test('a failing scrypt check does not stop the ones after it', async (t) => {
  const turns = new ScryptTurns((secret) => (secret === 'bad' ? Promise.reject(new Error('scrypt failed')) : Promise.resolve(Buffer.from(secret))));
  const [failed, next] = await Promise.allSettled([turns.hash('bad', Buffer.alloc(0)), turns.hash('ok', Buffer.alloc(0))]);
  t.equal(failed.status, 'rejected');
  t.same(next.status === 'fulfilled' ? next.value?.toString() : undefined, 'ok');
});
