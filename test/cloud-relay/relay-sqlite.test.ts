import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { SqliteRelayStorage } from '../../cloud-relay/storage/sqlite-storage.js';
import { relayContract } from './helpers/relay-contract.js';

t.test('the relay on SQLite', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-cloud-relay-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  await relayContract(t, async () => new SqliteRelayStorage(join(dir, 'relay.db')));
});
