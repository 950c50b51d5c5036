import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import t from 'tap';
import { openChunk } from '../../hub/relay/backup/backup-cipher.js';
import { deriveBackupKeys } from '../../hub/relay/backup/backup-keys.js';
import { restoreBackup, RestoreError } from '../../hub/relay/backup/restore.js';
import { HttpsTransport } from '../../hub/relay/https-transport.js';
import { RelayUnreachable, type RelayRequest, type RelayResponse, type RelayTransport } from '../../hub/relay/relay-transport.js';
import { DAY_MS, makeFixture, seedHousehold, START, TEST_KDF, writeDay } from './helpers/relay-fixture.js';

const PASSPHRASE = 'correct horse battery staple by the sea';

/** HTTPS to the relay over a real socket, with a certificate made for this test; can cut the line after n requests. */
class FlakyHttps implements RelayTransport {
  failAfter = Infinity;
  constructor(readonly inner: HttpsTransport) {}
  async send(request: RelayRequest): Promise<RelayResponse> {
    if (this.failAfter-- <= 0) throw new RelayUnreachable('network down');
    return this.inner.send(request);
  }
}

async function selfSignedCert(dir: string): Promise<{ cert: Buffer; key: Buffer }> {
  const keyFile = join(dir, 'relay.key');
  const certFile = join(dir, 'relay.crt');
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile]);
  return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

t.test('backup over HTTPS, interrupted and resumed, restores the same readings onto an empty data dir', async (t) => {
  const line: { flaky?: FlakyHttps } = {};
  const f = await makeFixture({
    relay: { backup: { chunkBytes: 4096 } },
    transport: () => ({ send: (r) => (line.flaky as FlakyHttps).send(r) }),
  });
  t.teardown(() => f.close());
  // The relay as it runs in production: its own HTTPS listener.
  const { cert, key } = await selfSignedCert(f.dir);
  const ca = cert;
  const { buildRelayApp } = await import('../../cloud-relay/relay-app.js');
  const { DEFAULT_RELAY_SERVICE_CONFIG } = await import('../../cloud-relay/relay-config.js');
  const server = buildRelayApp({
    storage: f.relayStorage,
    config: { ...DEFAULT_RELAY_SERVICE_CONFIG, enrolmentTokens: ['enrol-test-token'], keepBackups: 2 },
    now: () => f.clock.now(),
    server: { https: { cert, key } },
  });
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => server.close());
  t.match(url, /^https:/);
  const flaky = new FlakyHttps(new HttpsTransport({ url, ca }));
  line.flaky = flaky;

  seedHousehold(f);
  for (let day = 0; day < 20; day++) writeDay(f, START + day * DAY_MS);
  f.clock.set(START + 20 * DAY_MS);
  t.same(await f.service.runBackup(), { state: 'skipped', reason: 'no recovery passphrase is set' });
  await f.service.setPassphrase(PASSPHRASE);
  f.service.consent.record({ personId: 'tom', purpose: 'backup', granted: true, actor: 'u-owner' });
  t.same(await f.service.runBackup(), { state: 'skipped', reason: '1 people have not agreed to backups' }, 'everyone whose data is in it must agree');
  f.service.consent.record({ personId: 'grandma-rose', purpose: 'backup', granted: true, actor: 'u-owner' });

  flaky.failAfter = 6; // register + manifest + status + a few chunks, then the line drops
  await t.rejects(f.service.runBackup(), RelayUnreachable);
  flaky.failAfter = Infinity;
  const second = await f.service.runBackup();
  t.equal(second.state, 'uploaded');
  if (second.state !== 'uploaded') return;
  t.ok(second.chunks > 3, `several chunks (${second.chunks})`);
  t.ok(second.resumed > 0, `the upload resumed: ${second.resumed} chunks were not sent again`);

  // A new box: nothing but the passphrase and the relay's address.
  const newDir = join(f.dir, 'new-box');
  const keys = await deriveBackupKeys(PASSPHRASE, TEST_KDF);
  const outcome = await restoreBackup(new HttpsTransport({ url, ca }), keys, newDir, 'hearth.db');
  t.equal(outcome.backupId, second.backupId);
  const restored = new Database(outcome.file, { readonly: true });
  t.teardown(() => restored.close());
  const rows = (db: Database.Database) => db.prepare('SELECT s.device_id, s.metric, s.person_id, x.ts, x.value FROM sample x JOIN series s ON s.id = x.series_id ORDER BY 1, 2, 4').all();
  const original = rows(f.store.db);
  t.ok(original.length > 5000);
  t.same(rows(restored), original, 'the same readings, to the last one');
  t.same(restored.prepare('SELECT id, name, birth_year FROM person ORDER BY id').all(), f.store.db.prepare('SELECT id, name, birth_year FROM person ORDER BY id').all());

  await t.rejects(restoreBackup(new HttpsTransport({ url, ca }), keys, newDir, 'hearth.db'), RestoreError, 'never overwrites a database');
  const wrong = await deriveBackupKeys('not the right passphrase at all', TEST_KDF);
  await t.rejects(restoreBackup(new HttpsTransport({ url, ca }), wrong, join(f.dir, 'other-box'), 'hearth.db'), {
    name: 'RestoreError',
    message: /no backup for this passphrase/,
  });

  // What the relay holds is ciphertext: no SQLite or gzip header, nothing readable, and it does not open with another key.
  const blobs = (await f.relayStorage.backup(second.backupId))?.received ?? [];
  t.equal(blobs.length, second.chunks);
  for (const index of blobs) {
    const blob = (await f.relayStorage.chunk(second.backupId, index)) ?? Buffer.alloc(0);
    t.notOk(blob.includes(Buffer.from('SQLite format 3')) || blob.includes(Buffer.from('Whitfield')), `chunk ${index} holds no plain text`);
    t.notOk(blob[0] === 0x1f && blob[1] === 0x8b, `chunk ${index} is not bare gzip`);
    t.throws(() => gunzipSync(blob));
    t.throws(() => openChunk(randomBytes(32), second.backupId, index, index === second.chunks - 1, blob), { name: 'BackupDecryptError' });
  }
});
