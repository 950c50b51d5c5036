import t from 'tap';
import { openPostgresStorage } from '../../cloud-relay/storage/postgres-storage.js';
import { freePort } from '../helpers/hub-process.js';
import { startPostgres } from './helpers/postgres-server.js';
import { relayContract } from './helpers/relay-contract.js';

t.test('the relay on a real PostgreSQL server', async (t) => {
  const server = startPostgres(await freePort());
  t.teardown(() => server.stop());
  await relayContract(t, () => openPostgresStorage(server.url));
});
