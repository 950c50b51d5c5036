import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import t from 'tap';
import { freePort } from '../helpers/hub-process.js';
import { connectRefusal, startMqttHub } from './helpers/mqtt-hub.js';

/** A self-signed certificate for 127.0.0.1, as a household would make for its own hub. */
function selfSignedCertificate(): { certFile: string; keyFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-mqtt-tls-'));
  const certFile = join(dir, 'hub.crt');
  const keyFile = join(dir, 'hub.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], {
    stdio: 'pipe',
  });
  return { certFile, keyFile };
}

t.test('with TLS only, clients connect over mqtts with the household certificate and never in clear', async (t) => {
  const cert = selfSignedCertificate();
  const tlsPort = await freePort();
  const hub = await startMqttHub({ tls: { enabled: true, port: tlsPort, only: true, ...cert } });
  t.teardown(() => hub.stop());
  const device = await hub.credential({ name: 'kit-tls', role: 'device', deviceId: 'kit' });

  const secure = await mqtt.connectAsync(`mqtts://127.0.0.1:${tlsPort}`, {
    ...device,
    ca: readFileSync(cert.certFile),
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });
  t.ok(secure.connected, 'a client that trusts the certificate connects');
  await secure.publishAsync('hearth/ingest/kit', JSON.stringify({ metric: 'heart_rate', value: 66, unit: 'bpm' }), { qos: 1 });
  t.same(
    hub.hub.store.query.latest('alex').map((r) => [r.metric, r.value]),
    [['heart_rate', 66]],
    'a reading sent over TLS is stored once acknowledged',
  );
  await secure.endAsync();

  const untrusting = await mqtt
    .connectAsync(`mqtts://127.0.0.1:${tlsPort}`, { ...device, reconnectPeriod: 0, connectTimeout: 5000 })
    .then(
      async (client) => {
        await client.endAsync();
        return 'connected';
      },
      (error: Error) => error.message,
    );
  t.match(untrusting, /self[- ]signed|certificate/i, 'a client that does not trust the certificate is not fooled');

  const clear = await connectRefusal(hub.port, device).then(
    (error) => error.message,
    () => 'accepted',
  );
  t.match(clear, /ECONNREFUSED|closed|connect/i, 'the clear-text port is not listening');
});
