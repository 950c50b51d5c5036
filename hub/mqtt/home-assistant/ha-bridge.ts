import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { Backoff } from '../../../core/backoff.js';
import type { HubBus } from '../../bus/hub-events.js';
import type { Clock } from '../../../core/clock.js';
import { METRICS } from '../../../core/metrics.js';
import type { Reading } from '../../../core/reading.js';
import { HUB_VERSION } from '../../daemon/version.js';
import type { HomeAssistantConfig } from '../mqtt-config.js';
import { alertPayload, alertTopics, liveReadingTopic, retainLiveReading } from '../live-topics.js';
import { ALERTS_TOPIC, STATUS_TOPIC } from '../topic-acl.js';
import type { BridgeOutbox, OutboxKind } from './bridge-outbox.js';
import { deviceBatteryTopic, discoveryMessages, readingEntity, type DiscoveryInput } from './ha-discovery.js';

export interface HomeAssistantBridgeOptions {
  readonly config: HomeAssistantConfig;
  readonly owner: string;
  readonly bus: HubBus;
  readonly outbox: BridgeOutbox;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The household as it is now, for discovery. */
  readonly household: () => DiscoveryInput;
  /** Longest a reading waits in memory before it is written to the outbox. */
  readonly batchMs?: number;
  readonly backoff?: Backoff;
}

const DRAIN_BATCH = 200;

/**
 * Connects to the household's own broker (MQTT 5) as a client and mirrors the hub there: Home
 * Assistant discovery, live readings (occasional ones retained, so Home Assistant shows the last
 * weighing after it restarts), device batteries and alerts. Discovery is published whole on each
 * connection and whenever Home Assistant announces it came online (`<prefix>/status`), and
 * otherwise one entity at a time, when a metric first appears. Everything but discovery goes
 * through the on-disk outbox and is removed only when the broker acknowledged it; a broker that
 * goes away is retried with backoff.
 */
export class HomeAssistantBridge {
  private client: MqttClient | undefined;
  private pending: { topic: string; payload: string; retain: boolean; kind: OutboxKind }[] = [];
  private batchTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private draining = false;
  private stopped = false;
  /** Entities whose discovery went out on this connection. */
  private readonly announced = new Set<string>();
  /** What readings showed since start, before the store may have committed their series. */
  private readonly seenMetrics = new Map<string, { personId: string; metric: string }>();
  private readonly seenBatteries = new Set<string>();
  private readonly backoff: Backoff;

  constructor(private readonly options: HomeAssistantBridgeOptions) {
    this.backoff = options.backoff ?? new Backoff({ initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.3 });
  }

  start(): void {
    const { config, owner, bus } = this.options;
    bus.on('reading.accepted', owner, (reading) => this.onReading(reading));
    bus.on('alert.changed', owner, (alert) => {
      if (alert.silent === true) return;
      // The person's topic is the alert sensor's state, kept for a Home Assistant that restarts;
      // the household topic is not, so that a speaker connecting later does not announce an old alert.
      for (const topic of alertTopics(alert)) this.pending.push({ topic, payload: alertPayload(alert), retain: topic !== ALERTS_TOPIC, kind: 'alert' });
      this.persistPending();
    });
    const client = mqtt.connect(config.url, {
      protocolVersion: 5,
      clientId: `hearth-${Math.random().toString(16).slice(2, 10)}`,
      ...(config.username !== '' ? { username: config.username } : {}),
      ...(config.password !== undefined ? { password: config.password } : {}),
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      will: { topic: STATUS_TOPIC, payload: Buffer.from(JSON.stringify({ state: 'offline' })), qos: 1, retain: true },
    });
    this.client = client;
    client.on('connect', () => this.onConnect(client));
    client.on('close', () => {
      // A batch in flight when the connection dropped may never be acknowledged on this session;
      // it stays in the outbox and the next connection sends it again (at least once).
      this.draining = false;
      this.scheduleReconnect(client);
    });
    client.on('error', (error) => this.options.logger.warn({ url: config.url, err: error.message }, 'Home Assistant broker connection failed'));
    client.on('message', (topic, payload, packet) => {
      // A retained `online` is an old birth message, not a restart; each connection announces everything anyway.
      if (topic === `${config.discoveryPrefix}/status` && payload.toString() === 'online' && !packet.retain) {
        this.options.logger.info('Home Assistant restarted: publishing discovery again');
        this.announced.clear();
        this.publishDiscovery(client);
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.persistPending();
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    if (client.connected) await client.publishAsync(STATUS_TOPIC, JSON.stringify({ state: 'offline' }), { qos: 1, retain: true }).catch(() => undefined);
    await client.endAsync(true);
  }

  get queued(): number {
    return this.options.outbox.size + this.pending.length;
  }

  private onReading(reading: Reading): void {
    // What a person ate, drank or took stays on the hub: Home Assistant gets no journal entry.
    if (METRICS.get(reading.metric)?.journal === true) return;
    const payload = JSON.stringify(reading);
    const personTopic = liveReadingTopic(reading);
    this.pending.push({ topic: personTopic, payload, retain: retainLiveReading(reading.metric), kind: 'reading' });
    if (reading.metric === 'battery') this.pending.push({ topic: deviceBatteryTopic(reading.deviceId), payload, retain: true, kind: 'reading' });
    if (reading.metric === 'battery') this.seenBatteries.add(reading.deviceId);
    else if (reading.personId !== undefined) this.seenMetrics.set(personTopic, { personId: reading.personId, metric: reading.metric });
    const entity = readingEntity(reading);
    if (entity !== undefined && !this.announced.has(entity) && this.client?.connected === true) {
      this.publishDiscovery(this.client);
      // Also when it had no entity to announce (a person the registry does not know yet): looked at once per connection.
      this.announced.add(entity);
    }
    this.batchTimer ??= setTimeout(() => this.persistPending(), this.options.batchMs ?? 200);
  }

  /** Writes queued messages to the outbox in one transaction, then sends what the broker can take. */
  private persistPending(): void {
    if (this.batchTimer !== undefined) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.options.outbox.add(batch, this.options.clock.now());
    if (this.client?.connected === true) this.drain(this.client);
  }

  private onConnect(client: MqttClient): void {
    this.backoff.reset();
    this.options.logger.info({ url: this.options.config.url }, 'connected to the Home Assistant broker');
    client.publish(STATUS_TOPIC, JSON.stringify({ state: 'online', version: HUB_VERSION }), { qos: 1, retain: true });
    client.subscribe(`${this.options.config.discoveryPrefix}/status`, { qos: 1 });
    this.announced.clear();
    this.publishDiscovery(client);
    this.drain(client);
  }

  /** Publishes the discovery of every entity not yet announced on this connection. */
  private publishDiscovery(client: MqttClient): void {
    const known = this.options.household();
    const personMetrics = new Map(known.personMetrics.map((m) => [`hearth/${m.personId}/${m.metric}`, m]));
    for (const [key, m] of this.seenMetrics) personMetrics.set(key, m);
    const household = { ...known, personMetrics: [...personMetrics.values()], batteryDevices: [...new Set([...known.batteryDevices, ...this.seenBatteries])] };
    for (const message of discoveryMessages(household)) {
      if (this.announced.has(message.entity)) continue;
      this.announced.add(message.entity);
      client.publish(message.topic, message.payload, { qos: 1, retain: true });
    }
  }

  private scheduleReconnect(client: MqttClient): void {
    if (this.stopped || this.reconnectTimer !== undefined) return;
    const delay = this.backoff.next();
    this.options.logger.debug({ delayMs: Math.round(delay) }, 'Home Assistant broker unavailable; retrying');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) client.reconnect();
    }, delay);
  }

  /** Sends the outbox oldest first; each batch is removed once the broker acknowledged all of it. */
  private drain(client: MqttClient): void {
    if (this.draining) return;
    this.draining = true;
    const next = async (): Promise<void> => {
      while (client.connected && !this.stopped) {
        const batch = this.options.outbox.oldest(DRAIN_BATCH);
        if (batch.length === 0) return;
        await Promise.all(batch.map((m) => client.publishAsync(m.topic, m.payload, { qos: 1, retain: m.retain })));
        this.options.outbox.remove(batch.map((m) => m.id));
      }
    };
    next()
      .catch((error: unknown) => this.options.logger.info({ err: (error as Error).message }, 'Home Assistant outbox paused'))
      .finally(() => {
        this.draining = false;
      });
  }
}
