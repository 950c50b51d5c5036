import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { SIMULATED_PEOPLE } from '../../../drivers/sim/household-profile.js';
import { SimulatedHousehold } from '../../../drivers/sim/simulated-household.js';
import { AlertsPart, type AlertsPartOptions } from '../../../hub/alerts/alerts-part.js';
import type { AlertsConfig } from '../../../hub/alerts/alerts-config.js';
import { apiPartFactory } from '../../../hub/api/api-part.js';
import { DEFAULT_CONFIG } from '../../../hub/config/defaults.js';
import type { HubConfig } from '../../../hub/config/hub-config.js';
import type { ManualClock } from '../../../core/clock.js';
import { Hub } from '../../../hub/daemon/hub.js';
import type { HubPartFactory } from '../../../hub/daemon/hub-part.js';
import { HubLogging } from '../../../hub/log/logger.js';
import { DEFAULT_MQTT_CONFIG } from '../../../hub/mqtt/mqtt-config.js';
import { MqttPart } from '../../../hub/mqtt/mqtt-part.js';
import { SimulatedHouseholdSource } from '../../../hub/sources/simulated-household-source.js';
import { TEST_SCRYPT } from '../../api/api-harness.js';
import { freePort } from '../../helpers/hub-process.js';

/** A device of each person that tests feed directly through the ingest gate. */
export const TEST_DEVICES = [
  { id: 'thermo-sam', name: 'thermometer', personId: 'sam' },
  { id: 'scale-alex', name: 'scale', personId: 'alex' },
  { id: 'watch-alex', name: 'watch', personId: 'alex' },
];

export interface AlertsHubOptions {
  readonly dataDir?: string;
  readonly clock: ManualClock;
  readonly alerts?: Partial<AlertsConfig>;
  readonly part?: AlertsPartOptions;
  /** Runs the embedded broker and the dashboard API as well (the live channels). */
  readonly live?: boolean;
  readonly mqttPort?: number;
}

export interface AlertsHub {
  readonly hub: Hub;
  readonly alerts: AlertsPart;
  readonly mqtt: MqttPart | undefined;
  readonly dataDir: string;
  readonly base: string;
  readonly mqttPort: number;
  /** Delivers what the simulated household's devices sent up to the clock's now. */
  tickHousehold(): void;
  /** Moves the clock second by second for `ms`, delivering the household's packets each second. */
  live(ms: number): void;
  stop(): Promise<void>;
}

/**
 * A real hub in this process on a real SQLite file: the simulated household (Alex and Sam) on a
 * manual clock, the alerts part, and optionally the MQTT broker and the dashboard API.
 */
export async function startAlertsHub(options: AlertsHubOptions): Promise<AlertsHub> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hearth-alerts-'));
  const mqttPort = options.mqttPort ?? (await freePort());
  const config: HubConfig = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { host: '127.0.0.1', port: 0 },
    mqtt: { ...DEFAULT_MQTT_CONFIG, host: '127.0.0.1', port: mqttPort },
    api: { ...DEFAULT_CONFIG.api, uiDir: join(dataDir, 'no-ui') },
    household: { people: SIMULATED_PEOPLE.map((p) => ({ id: p.id, name: p.name })), devices: TEST_DEVICES },
    // The test calls the alerts tick itself; the wall-clock scheduler must not add turns of its own.
    scheduler: { jobs: { ...DEFAULT_CONFIG.scheduler.jobs, alerts: '0 0 1 1 *' } },
    alerts: { ...DEFAULT_CONFIG.alerts, ...options.alerts },
  };
  let alerts: AlertsPart | undefined;
  let mqttPart: MqttPart | undefined;
  let source: SimulatedHouseholdSource | undefined;
  const consumers: HubPartFactory[] = [];
  if (options.live === true) {
    consumers.push((context) => (mqttPart = new MqttPart(context)));
    consumers.push(apiPartFactory({ scryptCost: TEST_SCRYPT }));
  }
  consumers.push((context) => (alerts = new AlertsPart(context, options.part)));
  const simulation: HubPartFactory = (context) => {
    source = new SimulatedHouseholdSource({
      household: new SimulatedHousehold(42),
      registry: context.registry,
      ingest: context.ingest,
      clock: context.clock,
      logger: context.logging.part('simulation'),
      bus: context.bus,
      // Never on its own: the test moves time and delivers the packets.
      tickMs: 2 ** 31 - 1,
    });
    const running = source;
    return { name: 'simulation', start: () => running.start(), stop: () => running.stop() };
  };
  const hub = new Hub({ config, clock: options.clock, logging: new HubLogging({ level: 'silent' }), parts: { consumers, sources: [simulation] } });
  await hub.start();
  if (alerts === undefined || source === undefined) throw new Error('the hub did not start its parts');
  const startedSource = source;
  const address = hub.listeningAddress ?? '';
  return {
    hub,
    alerts,
    mqtt: mqttPart,
    dataDir,
    base: address.replace('0.0.0.0', '127.0.0.1'),
    mqttPort,
    tickHousehold: () => startedSource.tick(),
    live: (ms) => {
      for (let t = 0; t < ms; t += 1000) {
        options.clock.advance(1000);
        startedSource.tick();
      }
    },
    stop: () => hub.stop(),
  };
}

/** A real MQTT client of the hub's broker, with an integration's rights (reads alerts, may acknowledge). */
export async function alertsListener(hub: AlertsHub, name: string): Promise<{ client: MqttClient; messages: Record<string, unknown>[] }> {
  if (hub.mqtt === undefined) throw new Error('the hub runs without MQTT');
  const { secret } = await hub.mqtt.credentials.add({ name, role: 'integration' });
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${hub.mqttPort}`, { username: name, password: secret, reconnectPeriod: 0, connectTimeout: 5000 });
  const messages: Record<string, unknown>[] = [];
  client.on('message', (topic, payload) => {
    if (topic === 'hearth/alerts') messages.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
  });
  await client.subscribeAsync('hearth/alerts', { qos: 1 });
  return { client, messages };
}

/** Polls `check` until it returns something (socket and broker deliveries are asynchronous). */
export async function eventually<T>(what: string, check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
