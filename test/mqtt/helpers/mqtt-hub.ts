import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Clock } from '../../../core/clock.js';
import { DEFAULT_CONFIG } from '../../../hub/config/defaults.js';
import type { HubPartFactory } from '../../../hub/daemon/hub-part.js';
import type { HubConfig } from '../../../hub/config/hub-config.js';
import { Hub } from '../../../hub/daemon/hub.js';
import { HubLogging } from '../../../hub/log/logger.js';
import { DEFAULT_MQTT_CONFIG, type MqttConfig } from '../../../hub/mqtt/mqtt-config.js';
import type { NewMqttCredential } from '../../../hub/mqtt/mqtt-credentials.js';
import { MqttPart } from '../../../hub/mqtt/mqtt-part.js';
import { freePort } from '../../helpers/hub-process.js';

export const GATEWAY_HEARD_MAC = 'A4:C1:38:00:11:22';

export interface MqttHub {
  readonly hub: Hub;
  readonly part: MqttPart;
  readonly port: number;
  readonly dataDir: string;
  credential(request: NewMqttCredential): Promise<{ username: string; password: string }>;
  stop(): Promise<void>;
}

export interface MqttHubOptions {
  readonly clock?: Clock;
  readonly logging?: HubLogging;
  /** Parts besides MQTT (the API, observability, the alerts), started before it. */
  readonly consumers?: readonly HubPartFactory[];
  /** A change to the hub's config beyond the MQTT section. */
  readonly config?: (config: HubConfig) => HubConfig;
}

/** A real hub in this process with only the MQTT part (and any `consumers`), on its own ports and data folder. */
export async function startMqttHub(mqttOverrides: Partial<MqttConfig> = {}, options: MqttHubOptions = {}): Promise<MqttHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-mqtt-'));
  const port = await freePort();
  const base: HubConfig = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { host: '127.0.0.1', port: 0 },
    mqtt: { ...DEFAULT_MQTT_CONFIG, host: '127.0.0.1', port, ...mqttOverrides },
    household: {
      people: [
        { id: 'alex', name: 'Alex' },
        { id: 'sam', name: 'Sam' },
      ],
      devices: [
        { id: 'kit', personId: 'alex' },
        { id: 'cuff', personId: 'sam' },
        { id: GATEWAY_HEARD_MAC, personId: 'alex' },
      ],
    },
  };
  const config = options.config?.(base) ?? base;
  let part: MqttPart | undefined;
  const hub = new Hub({
    config,
    logging: options.logging ?? new HubLogging({ level: 'silent' }),
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    parts: { consumers: [...(options.consumers ?? []), (context) => (part = new MqttPart(context))], sources: [] },
  });
  await hub.start();
  if (part === undefined) throw new Error('the MQTT part did not start');
  const started = part;
  return {
    hub,
    part: started,
    port,
    dataDir,
    credential: async (request) => {
      const { secret } = await started.credentials.add(request);
      return { username: request.name, password: secret };
    },
    stop: () => hub.stop(),
  };
}

/** A connection closed before its CONNACK rejects too, rather than waiting for a retry that never comes. */
export async function connect(port: number, options: IClientOptions = {}): Promise<MqttClient> {
  return mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 5000, ...options }, false);
}

/** Resolves with the error a refused connect ends with. */
export async function connectRefusal(port: number, options: IClientOptions = {}): Promise<Error & { code?: number }> {
  try {
    const client = await connect(port, options);
    await client.endAsync();
  } catch (error) {
    return error as Error & { code?: number };
  }
  throw new Error('the connection was accepted');
}

export async function runTool(command: string, args: readonly string[], timeoutMs = 10_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** Messages a client receives, with a way to wait for the first that matches. */
export function collect(client: MqttClient): { messages: { topic: string; payload: string }[]; next(match: (topic: string) => boolean, timeoutMs?: number): Promise<{ topic: string; payload: string }> } {
  const messages: { topic: string; payload: string }[] = [];
  const waiters: { match: (topic: string) => boolean; resolve: (m: { topic: string; payload: string }) => void }[] = [];
  client.on('message', (topic, payload) => {
    const message = { topic, payload: payload.toString() };
    messages.push(message);
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(topic)) waiter.resolve(message);
      else waiters.push(waiter);
    }
  });
  return {
    messages,
    next: (match, timeoutMs = 5000) => {
      const seen = messages.find((m) => match(m.topic));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching message arrived')), timeoutMs);
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
  };
}

/** Resolves once the client's connection is closed by the broker. */
export function closedByBroker(client: MqttClient): Promise<void> {
  return new Promise((resolve) => {
    if (!client.connected) return resolve();
    client.once('close', () => resolve());
  });
}
