import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { Test } from 'tap';
import { buildRelayApp } from '../../../cloud-relay/relay-app.js';
import { DEFAULT_RELAY_SERVICE_CONFIG } from '../../../cloud-relay/relay-config.js';
import { HEADER_DAY, HEADER_KEY, HEADER_NONCE, HEADER_SIGNATURE, keyIdOf, signingString, utcDay } from '../../../cloud-relay/protocol/signing.js';
import type { AggregateCell } from '../../../cloud-relay/protocol/batch.js';
import type { RelayStorage } from '../../../cloud-relay/storage/relay-storage.js';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

class TestHub {
  readonly privateKey: KeyObject;
  readonly der: Buffer;
  readonly keyId: string;
  constructor() {
    const pair = generateKeyPairSync('ed25519');
    this.privateKey = pair.privateKey;
    this.der = pair.publicKey.export({ format: 'der', type: 'spki' });
    this.keyId = keyIdOf(this.der);
  }
  headers(method: string, path: string, body: Buffer, day = utcDay(NOW), nonce = randomBytes(16).toString('hex')): Record<string, string> {
    const signature = sign(null, signingString({ method, path, day, nonce, body }), this.privateKey).toString('base64');
    return { [HEADER_KEY]: this.keyId, [HEADER_DAY]: day, [HEADER_NONCE]: nonce, [HEADER_SIGNATURE]: signature, ...(body.length > 0 ? { 'content-type': 'application/json' } : {}) };
  }
}

function cell(pid: string, mean: number, age = '40-49'): AggregateCell {
  return { pid, day: '2026-03-09', age, metric: 'heart_rate', n: 90, mean, min: mean - 10, max: mean + 20, sd: 8 };
}

/** The relay's behaviour, whatever storage is behind it. */
export async function relayContract(t: Test, makeStorage: () => Promise<RelayStorage>): Promise<void> {
  const storage = await makeStorage();
  const app = buildRelayApp({
    storage,
    config: { ...DEFAULT_RELAY_SERVICE_CONFIG, enrolmentTokens: ['enrol-1'], researchTokens: ['research-1'], keepBackups: 2 },
    now: () => NOW,
  });
  t.teardown(async () => {
    await app.close();
    await storage.close();
  });
  const post = (hub: TestHub, path: string, value: unknown, headers?: Record<string, string>) => {
    const body = Buffer.from(JSON.stringify(value));
    return app.inject({ method: 'POST', url: path, payload: body, headers: headers ?? hub.headers('POST', path, body) });
  };
  const register = (hub: TestHub, enrolment = 'enrol-1') => post(hub, '/v1/hubs', { publicKey: hub.der.toString('base64'), enrolment });

  await t.test('registration needs an enrolment token and proof of the key', async (t) => {
    const hub = new TestHub();
    t.equal((await register(hub, 'guess')).statusCode, 403);
    const impostor = new TestHub();
    const body = Buffer.from(JSON.stringify({ publicKey: hub.der.toString('base64'), enrolment: 'enrol-1' }));
    t.equal((await app.inject({ method: 'POST', url: '/v1/hubs', payload: body, headers: impostor.headers('POST', '/v1/hubs', body) })).statusCode, 401, 'signed by another key');
    t.equal((await register(hub)).statusCode, 201);
    t.equal((await register(hub)).statusCode, 200, 'registering again is harmless');
  });

  await t.test('batches: only registered, signed, fresh, valid ones; a re-sent batch folds once', async (t) => {
    const hub = new TestHub();
    const batch = { v: 1, batchId: randomBytes(16).toString('hex'), cells: [cell(randomBytes(16).toString('hex'), 70)] };
    t.equal((await post(hub, '/v1/batches', batch)).statusCode, 401, 'unregistered key');
    await register(hub);
    const body = Buffer.from(JSON.stringify(batch));
    const headers = hub.headers('POST', '/v1/batches', body);
    const first = await app.inject({ method: 'POST', url: '/v1/batches', payload: body, headers });
    t.equal(first.json<{ outcome: string }>().outcome, 'folded');
    const replay = await app.inject({ method: 'POST', url: '/v1/batches', payload: body, headers });
    t.equal(replay.statusCode, 409, 'the same signed request again is a replay');
    const resent = await post(hub, '/v1/batches', batch);
    t.equal(resent.json<{ outcome: string }>().outcome, 'duplicate', 'a retry of the same batch changes nothing');
    const tampered = Buffer.from(JSON.stringify({ ...batch, batchId: randomBytes(16).toString('hex') }));
    t.equal((await app.inject({ method: 'POST', url: '/v1/batches', payload: tampered, headers: hub.headers('POST', '/v1/batches', body) })).statusCode, 401, 'body changed after signing');
    const old = hub.headers('POST', '/v1/batches', body, '2026-03-01');
    t.equal((await app.inject({ method: 'POST', url: '/v1/batches', payload: body, headers: old })).statusCode, 401, 'dated days away');
    const extra = { ...batch, batchId: randomBytes(16).toString('hex'), cells: [{ ...cell('a'.repeat(32), 70), name: 'Rose' }] };
    t.equal((await post(hub, '/v1/batches', extra)).statusCode, 400, 'a field the protocol does not name is refused');
    const timed = { ...batch, batchId: randomBytes(16).toString('hex'), cells: [{ ...cell('b'.repeat(32), 70), day: '2026-03-09T07:31' }] };
    t.equal((await post(hub, '/v1/batches', timed)).statusCode, 400, 'a time finer than a day is refused');
  });

  await t.test('research answers only cells with at least k contributors', async (t) => {
    const hub = new TestHub();
    await register(hub);
    const cells = [
      ...Array.from({ length: 11 }, (_, i) => cell(randomBytes(16).toString('hex'), 60 + i, '30-39')),
      ...Array.from({ length: 10 }, (_, i) => cell(randomBytes(16).toString('hex'), 60 + i, '70-79')),
    ];
    await post(hub, '/v1/batches', { v: 1, batchId: randomBytes(16).toString('hex'), cells });
    t.equal((await app.inject({ method: 'GET', url: '/v1/research?metric=heart_rate&from=2026-03-01&to=2026-03-31' })).statusCode, 401);
    const answer = await app.inject({
      method: 'GET',
      url: '/v1/research?metric=heart_rate&from=2026-03-01&to=2026-03-31',
      headers: { authorization: 'Bearer research-1' },
    });
    const byAge = new Map(answer.json<{ cells: { age: string; suppressed: boolean; contributors?: number; mean?: number }[] }>().cells.map((c) => [c.age, c]));
    t.same(byAge.get('30-39'), { metric: 'heart_rate', day: '2026-03-09', age: '30-39', suppressed: false, contributors: 11, mean: 65, sd: 8, min: 55, max: 85, readings: 990 });
    t.same(byAge.get('70-79'), { metric: 'heart_rate', day: '2026-03-09', age: '70-79', suppressed: true }, 'ten is too few: nothing but the fact');
  });

  await t.test('backups: chunks resume, old backups are retired, a new box reads with the token only', async (t) => {
    const hub = new TestHub();
    await register(hub);
    const upload = async (chunks: number) => {
      const id = randomBytes(16).toString('hex');
      const manifest = { locator: 'c'.repeat(64), readTokenHash: (await import('node:crypto')).createHash('sha256').update('token').digest('hex'), chunkCount: chunks, header: '{}' };
      const path = `/v1/backups/${id}`;
      const mBody = Buffer.from(JSON.stringify(manifest));
      t.equal((await app.inject({ method: 'PUT', url: path, payload: mBody, headers: hub.headers('PUT', path, mBody) })).statusCode, 201);
      const complete = () => app.inject({ method: 'POST', url: `${path}/complete`, headers: hub.headers('POST', `${path}/complete`, Buffer.alloc(0)) });
      for (let i = 0; i < chunks; i++) {
        const data = randomBytes(100);
        const cPath = `${path}/chunks/${i}`;
        const r = await app.inject({ method: 'PUT', url: cPath, payload: data, headers: { ...hub.headers('PUT', cPath, data), 'content-type': 'application/octet-stream' } });
        t.equal(r.statusCode, 204);
        if (i === 0 && chunks > 1) t.equal((await complete()).statusCode, 409, 'not complete with chunks missing');
      }
      t.equal((await complete()).statusCode, 200);
      return id;
    };
    const ids = [await upload(2), await upload(3), await upload(1)];
    const list = await app.inject({ method: 'GET', url: `/v1/restore/${'c'.repeat(64)}`, headers: { 'x-hearth-read-token': 'token' } });
    t.same(list.json<{ backups: { backupId: string }[] }>().backups.map((b) => b.backupId), [ids[2], ids[1]], 'the newest two kept');
    const wrong = await app.inject({ method: 'GET', url: `/v1/restore/${'c'.repeat(64)}`, headers: { 'x-hearth-read-token': 'guess' } });
    t.equal(wrong.statusCode, 404);
    t.equal(await storage.chunk(ids[0] ?? '', 0), undefined, 'the retired backup is gone');
  });
}
