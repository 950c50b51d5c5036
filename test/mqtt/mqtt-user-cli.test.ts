import t from 'tap';
import { runCli } from '../helpers/hub-process.js';
import { connect, connectRefusal, startMqttHub } from './helpers/mqtt-hub.js';

// Each CLI run is a fresh node process; on a busy 2-core box that adds up.
t.setTimeout(180_000);

t.test('mqtt-user add prints a secret once; it connects until the credential is removed', async (t) => {
  const hub = await startMqttHub();
  t.teardown(() => hub.stop());
  const added = await runCli(['mqtt-user', 'add', 'bedroom-ring', '--role', 'device', '--device', 'kit', '--data-dir', hub.dataDir]);
  t.equal(added.code, 0, added.stderr);
  const { username, password, role, deviceId } = JSON.parse(added.stdout) as { username: string; password: string; role: string; deviceId: string };
  t.same({ username, role, deviceId }, { username: 'bedroom-ring', role: 'device', deviceId: 'kit' });
  const client = await connect(hub.port, { username, password });
  t.ok(client.connected);
  await client.endAsync();

  const listed = await runCli(['mqtt-user', 'list', '--data-dir', hub.dataDir]);
  t.equal(listed.code, 0);
  t.notMatch(listed.stdout, password, 'the secret is never shown again');
  t.match(JSON.parse(listed.stdout), [{ name: 'bedroom-ring', role: 'device', deviceId: 'kit' }]);

  const duplicate = await runCli(['mqtt-user', 'add', 'bedroom-ring', '--role', 'device', '--device', 'kit', '--data-dir', hub.dataDir]);
  t.equal(duplicate.code, 2);
  t.match(duplicate.stderr, /already exists/);
  const noDevice = await runCli(['mqtt-user', 'add', 'x', '--role', 'device', '--data-dir', hub.dataDir]);
  t.match(noDevice.stderr, /needs --device/);
  const noPerson = await runCli(['mqtt-user', 'add', 'x', '--role', 'member', '--person', 'nobody', '--data-dir', hub.dataDir]);
  t.match(noPerson.stderr, /no person "nobody"/);

  const removed = await runCli(['mqtt-user', 'remove', 'bedroom-ring', '--data-dir', hub.dataDir]);
  t.equal(removed.code, 0);
  const refused = await connectRefusal(hub.port, { username, password });
  t.match(refused.message, /bad username or password/i);
});
