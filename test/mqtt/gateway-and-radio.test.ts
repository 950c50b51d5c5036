/**
 * A Bluetooth room sensor heard two ways at once: by the hub's own radio (real noble over the
 * emulated binding) and relayed by a Theengs gateway over MQTT (a real MQTT client). It is one
 * device of the household, named in the config by its bare address, with one series per metric.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { makeDeviceId } from '../../core/device-id.js';
import { bthomeSensor } from '../../drivers/ble/emulation/advertising-devices.js';
import { EmulatedBinding } from '../../drivers/ble/emulation/emulated-binding.js';
import { bleSourceWith } from '../../hub/sources/ble-source.js';
import { nobleWithBinding } from '../../drivers/ble/runtime/noble-loader.js';
import { apiPartFactory } from '../../hub/api/api-part.js';
import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';
import type { HubConfig } from '../../hub/config/hub-config.js';
import { Hub } from '../../hub/daemon/hub.js';
import { HubLogging } from '../../hub/log/logger.js';
import { DEFAULT_MQTT_CONFIG } from '../../hub/mqtt/mqtt-config.js';
import { MqttPart } from '../../hub/mqtt/mqtt-part.js';
import { onboardOwner, TEST_SCRYPT } from '../api/api-harness.js';
import { FAST_TUNING } from '../drivers/ble-runtime/helpers/fast-tuning.js';
import { waitFor } from '../drivers/ble-runtime/helpers/wait-for.js';
import { freePort } from '../helpers/hub-process.js';
import { connect } from './helpers/mqtt-hub.js';

const SENSOR_MAC = 'A4:C1:38:5E:77:01';

t.test('a Bluetooth device heard by the radio and through a gateway is one device with one series per metric', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-one-device-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const config: HubConfig = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { host: '127.0.0.1', port: 0 },
    api: { ...DEFAULT_CONFIG.api, uiDir: join(dataDir, 'no-ui') },
    store: { ...DEFAULT_CONFIG.store, flushIntervalMs: 20 },
    mqtt: { ...DEFAULT_MQTT_CONFIG, host: '127.0.0.1', port },
    ble: { ...DEFAULT_CONFIG.ble, enabled: true },
    // hearth.yaml names the sensor as the gateway's web page shows it: its bare address.
    household: { people: [{ id: 'alex', name: 'Alex' }], devices: [{ id: SENSOR_MAC, name: 'Bedroom sensor', personId: 'alex' }] },
  };
  // The radio hears the sensor's BTHome advertisement: 21.5 °C, 45 %, battery 93 %.
  const binding = new EmulatedBinding([bthomeSensor(SENSOR_MAC.toLowerCase(), () => ({ packetId: 1, temperatureC: 21.5, humidity: 45, battery: 93 }))], { advertiseIntervalMs: 10 });
  let mqttPart: MqttPart | undefined;
  const hub = new Hub({
    config,
    logging: new HubLogging({ level: 'silent' }),
    parts: {
      consumers: [(context) => (mqttPart = new MqttPart(context)), apiPartFactory({ scryptCost: TEST_SCRYPT })],
      sources: [bleSourceWith({ noble: () => nobleWithBinding(binding), tuning: FAST_TUNING })],
    },
  });
  await hub.start();
  t.teardown(() => hub.stop());
  if (mqttPart === undefined) throw new Error('the MQTT part did not start');

  const id = makeDeviceId('ble', SENSOR_MAC);
  const stored = (metric: string): { deviceId: string; personId: string; value: number }[] =>
    hub.store.db
      .prepare<[string], { deviceId: string; personId: string; value: number }>(
        'SELECT s.device_id AS deviceId, s.person_id AS personId, x.value AS value FROM series s JOIN sample x ON x.series_id = s.id WHERE s.metric = ? ORDER BY x.ts',
      )
      .all(metric);
  await waitFor('the radio reading stored', () => stored('ambient_temperature').length === 1);

  // The gateway relays the sensor's next advertisement (25.06 °C, 50.55 %) in Theengs' raw form.
  const { secret } = await mqttPart.credentials.add({ name: 'theengs-bedroom', role: 'gateway', deviceId: 'TheengsGateway' });
  const gateway = await connect(port, { username: 'theengs-bedroom', password: secret });
  t.teardown(() => gateway.endAsync());
  const advertisement = { id: SENSOR_MAC, rssi: -70, servicedata: '4002ca0903bf13', servicedatauuid: '0xfcd2' };
  // QoS 1: the broker acknowledges once the readings are committed.
  await gateway.publishAsync(`home/TheengsGateway/BTtoMQTT/${SENSOR_MAC.replace(/:/g, '')}`, JSON.stringify(advertisement), { qos: 1 });

  t.same(stored('ambient_temperature'), [
    { deviceId: id, personId: 'alex', value: 21.5 },
    { deviceId: id, personId: 'alex', value: 25.06 },
  ], 'both readings in the one series of the device, assigned to its person');
  t.same(stored('ambient_humidity').map((r) => [r.deviceId, r.value]), [[id, 45], [id, 50.6]]);
  const seriesIds = hub.store.db.prepare<[], { deviceId: string; n: number }>('SELECT device_id AS deviceId, count(*) AS n FROM series GROUP BY device_id').all();
  t.same(seriesIds, [{ deviceId: id, n: 3 }], 'no series under any other id (temperature, humidity, battery)');

  const owner = await onboardOwner(hub.listeningAddress?.replace('0.0.0.0', '127.0.0.1') ?? '');
  const devices = (await owner.get('/api/v1/devices')).body as { id: string; name: string | null; personId: string | null }[];
  t.same(devices.map((d) => [d.id, d.name, d.personId]), [[id, 'Bedroom sensor', 'alex']], 'one device in the household');
});
