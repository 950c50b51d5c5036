import { join } from 'node:path';
import { connect as connectTcp, type Socket } from 'node:net';
import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { DATABASE_FILE } from '../../hub/store/database-file.js';
import { DEFAULT_MQTT_CONFIG, type MqttConfig } from '../../hub/mqtt/mqtt-config.js';
import { connect, startMqttHub, type MqttHub } from './helpers/mqtt-hub.js';

function storedHeartRates(dataDir: string, deviceId: string): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare("SELECT COUNT(*) FROM sample JOIN series ON series.id = sample.series_id WHERE series.device_id = ? AND series.metric = 'heart_rate'").pluck().get(deviceId) as number;
  } finally {
    db.close();
  }
}

/**
 * Idle TCP sockets that never send a byte, from `addresses` (other loopback addresses than the
 * device's 127.0.0.1), each reopened as soon as the hub closes it, until `stop`.
 */
class IdleFlood {
  private readonly open = new Set<Socket>();
  private running = true;
  opened = 0;

  constructor(
    private readonly port: number,
    addresses: readonly string[],
    perAddress: number,
  ) {
    for (const address of addresses) for (let i = 0; i < perAddress; i++) this.openFrom(address);
  }

  /** Resolves once `count` sockets have connected (established at the TCP level). */
  async established(count: number): Promise<void> {
    while (this.opened < count) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  stop(): void {
    this.running = false;
    for (const socket of this.open) socket.destroy();
  }

  private openFrom(address: string): void {
    if (!this.running) return;
    const socket = connectTcp({ host: '127.0.0.1', port: this.port, localAddress: address });
    this.open.add(socket);
    socket.on('connect', () => this.opened++);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.open.delete(socket);
      // Reopened as soon as the hub closes it, as the probe did (a little later, so the test does not spin).
      setTimeout(() => this.openFrom(address), 25);
    });
  }
}

async function deviceConnectsAndPublishes(t: Test, hub: MqttHub, name: string, deviceId: string): Promise<void> {
  const device = await connect(hub.port, await hub.credential({ name, role: 'device', deviceId }));
  const before = storedHeartRates(hub.dataDir, deviceId);
  await device.publishAsync(`hearth/ingest/${deviceId}`, JSON.stringify({ metric: 'heart_rate', value: 66 }), { qos: 1 });
  t.equal(storedHeartRates(hub.dataDir, deviceId), before + 1, 'the QoS 1 reading was stored before its PUBACK');
  await device.endAsync();
}

t.test('100 idle sockets from one address, reopened as they close, do not keep a device out', async (t) => {
  const hub = await startMqttHub();
  t.teardown(() => hub.stop());
  const flood = new IdleFlood(hub.port, ['127.0.0.2'], 100);
  t.teardown(() => flood.stop());
  await flood.established(100);
  await deviceConnectsAndPublishes(t, hub, 'kit-during-flood', 'kit');
  flood.stop();
});

t.test('idle sockets from several addresses, more than all the places for them, do not keep a device out either', async (t) => {
  const hub = await startMqttHub();
  t.teardown(() => hub.stop());
  const addresses = Array.from({ length: 6 }, (_, i) => `127.0.0.${10 + i}`);
  const flood = new IdleFlood(hub.port, addresses, 20);
  t.teardown(() => flood.stop());
  await flood.established(120);
  await deviceConnectsAndPublishes(t, hub, 'cuff-during-flood', 'cuff');
  flood.stop();
});

t.test('a socket that never sends its CONNECT is closed at the CONNECT deadline', async (t) => {
  const limits = { ...DEFAULT_MQTT_CONFIG.limits, connectTimeoutMs: 300 } as MqttConfig['limits'];
  const hub = await startMqttHub({ limits });
  t.teardown(() => hub.stop());
  const socket = connectTcp({ host: '127.0.0.1', port: hub.port });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  t.same(hub.part.figures().sockets, { pending: 0, refused: { connect_deadline: 1 } }, 'the hub closed the idle socket at its own deadline, and counted it');
  await deviceConnectsAndPublishes(t, hub, 'kit-after-deadline', 'kit');
});
