import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { freePort, runCli } from '../helpers/hub-process.js';

t.test('a taken MQTT port stops the hub with the one-line reason, not a stack trace', async (t) => {
  // Another broker (a mosquitto already on the box) holds the port.
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  t.teardown(() => holder.close());
  const address = holder.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const result = await runCli(['run'], {
    HEARTH_DATA_DIR: mkdtempSync(join(tmpdir(), 'hearth-mqtt-port-')),
    HEARTH_CONFIG: '',
    HEARTH_HTTP_PORT: String(await freePort()),
    HEARTH_MQTT_PORT: String(port),
    HEARTH_LOG_LEVEL: 'silent',
  });
  t.equal(result.code, 1, 'exit status 1: something the user can fix');
  t.match(result.stderr, new RegExp(`^hearth: cannot start: MQTT port ${port} on .* is already in use by another program.*HEARTH_MQTT_PORT.*mqtt\\.enabled: false\\n?$`));
  t.equal(result.stderr.trim().split('\n').length, 1, `one line\n${result.stderr}`);
  t.notMatch(result.stderr, /\n\s+at /, 'no stack trace');
});
