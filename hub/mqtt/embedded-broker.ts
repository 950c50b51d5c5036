import type { Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import type { Logger } from 'pino';
import type { MqttLimits } from './mqtt-config.js';
import type { MqttPrincipal } from './mqtt-principal.js';
import { closeListener, listenForMqtt } from './broker-listener.js';
import type { IngestRefusals } from './ingest-refusals.js';
import { canPublish, canSubscribe, INGEST_PREFIX, type TopicRules } from './topic-acl.js';

/** Where the broker hands messages the hub itself consumes (ingest, alert acknowledgements). */
export interface InboundHandler {
  handles(topic: string): boolean;
  /** Settles when the message may be acknowledged; a rejection disconnects the client unacknowledged. */
  handle(topic: string, payload: Buffer, qos: number, principal: MqttPrincipal): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: { readonly enabled: boolean; readonly port: number; readonly certFile: string; readonly keyFile: string; readonly only: boolean };
  readonly limits: MqttLimits;
  readonly rules: TopicRules;
  readonly verify: (username: string, secret: string) => Promise<MqttPrincipal | undefined>;
  /** Whether a credential still exists (removed ones are disconnected). */
  readonly stillValid: (name: string) => boolean;
  readonly inbound: readonly InboundHandler[];
  readonly refusals: IngestRefusals;
  readonly logger: Logger;
}

const SWEEP_EVERY_MS = 15_000;
/** Room for the fixed and variable headers (topic, packet id) beyond the payload limit. */
const HEADER_ALLOWANCE = 1024;

function authError(message: string, returnCode: 4 | 5): AuthenticateError {
  return Object.assign(new Error(message), { returnCode });
}

/**
 * The household's MQTT broker (aedes): every client authenticates with its own credential, every
 * publish and subscription passes the topic ACL, `$SYS` is closed, and limits bound connections,
 * packet size, topic depth and in-flight messages. It listens only between `start` and `stop`.
 */
export class EmbeddedBroker {
  private broker: Aedes | undefined;
  private readonly servers: Server[] = [];
  private readonly principals = new WeakMap<Client, MqttPrincipal>();
  private sweep: NodeJS.Timeout | undefined;
  private addresses: string[] = [];

  constructor(private readonly options: EmbeddedBrokerOptions) {}

  async start(): Promise<void> {
    const { limits } = this.options;
    const broker = new Aedes({
      maxTopicLevels: limits.maxTopicLevels,
      maxInflightInbound: limits.maxInflightPerClient,
      queueLimit: limits.maxQueuedPerClient,
      maxClientsIdLength: 64,
      authenticate: (client, username, password, done) => this.authenticate(client, username, password, done),
      authorizePublish: (client, packet, done) => this.authorizePublish(client, packet, done),
      authorizeSubscribe: (client, subscription, done) => {
        const principal = this.principals.get(client);
        const allowed = principal !== undefined && canSubscribe(principal, subscription.topic, this.options.rules);
        if (!allowed) this.options.logger.info({ credential: principal?.name, topic: subscription.topic }, 'MQTT subscription refused by the topic ACL');
        done(null, allowed ? subscription : null);
      },
      // Raw ingest messages stay inside the hub, whatever wildcard a reader subscribed with.
      authorizeForward: (_client, packet) => (packet.topic.startsWith(INGEST_PREFIX) ? null : packet),
    });
    await broker.listen();
    this.broker = broker;
    broker.on('clientError', (client, error) => this.options.logger.debug({ clientId: client.id, err: error.message }, 'MQTT client error'));
    try {
      const listen = async (port: number, tls: boolean): Promise<void> => {
        const server = await listenForMqtt({
          host: this.options.host,
          port,
          maxConnections: limits.maxConnections,
          maxPacketBytes: limits.maxPayloadBytes + HEADER_ALLOWANCE,
          ...(tls ? { tls: { certFile: this.options.tls.certFile, keyFile: this.options.tls.keyFile } } : {}),
          handle: (socket) => broker.handle(socket),
          onOversized: (remote) => this.options.refusals.refuse(remote ?? 'unknown client', 'oversized', 'a packet larger than mqtt.limits.maxPayloadBytes; connection closed'),
          onDropped: (remote) => this.options.logger.warn({ remote, maxConnections: limits.maxConnections }, 'MQTT connection refused: mqtt.limits.maxConnections reached'),
        });
        this.servers.push(server);
        this.addresses.push(`${tls ? 'mqtts' : 'mqtt'}://${this.options.host}:${port}`);
      };
      if (!this.options.tls.enabled || !this.options.tls.only) await listen(this.options.port, false);
      if (this.options.tls.enabled) await listen(this.options.tls.port, true);
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.sweep = setInterval(() => this.disconnectRemovedCredentials(), SWEEP_EVERY_MS);
    this.sweep.unref();
    this.options.logger.info({ addresses: this.addresses }, 'MQTT broker listening');
  }

  async stop(): Promise<void> {
    if (this.sweep !== undefined) clearInterval(this.sweep);
    this.sweep = undefined;
    const servers = this.servers.splice(0);
    const closing = servers.map((s) => closeListener(s));
    const broker = this.broker;
    this.broker = undefined;
    if (broker !== undefined) await new Promise<void>((resolve) => broker.close(() => resolve()));
    await Promise.all(closing);
    this.addresses = [];
  }

  get listening(): readonly string[] {
    return this.addresses;
  }

  get connectedClients(): number {
    return this.broker?.connectedClients ?? 0;
  }

  /** Publishes as the hub (no ACL: the hub owns its topics). */
  publish(topic: string, payload: string | Buffer, options: { retain?: boolean; qos?: 0 | 1 } = {}): Promise<void> {
    const broker = this.broker;
    if (broker === undefined) return Promise.resolve();
    const packet: PublishPacket = { cmd: 'publish', topic, payload, qos: options.qos ?? 0, retain: options.retain ?? false, dup: false };
    return new Promise((resolve, reject) => broker.publish(packet, (error) => (error ? reject(error) : resolve())));
  }

  private authenticate(client: Client, username: string | undefined, password: Buffer | undefined, done: (error: AuthenticateError | null, success: boolean | null) => void): void {
    if (username === undefined || username === '' || password === undefined) {
      this.options.logger.info({ clientId: client.id }, 'anonymous MQTT connection refused');
      done(authError('a username and password are required', 5), false);
      return;
    }
    this.options
      .verify(username, password.toString('utf8'))
      .then((principal) => {
        if (principal === undefined) {
          this.options.logger.warn({ credential: username, remote: (client.conn as { remoteAddress?: string }).remoteAddress }, 'MQTT connection refused: wrong username or password');
          done(authError('wrong username or password', 4), false);
          return;
        }
        this.principals.set(client, principal);
        done(null, true);
      })
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'MQTT credential check failed');
        done(authError('credential check failed', 4), false);
      });
  }

  private authorizePublish(client: Client | null, packet: PublishPacket, done: (error?: Error | null) => void): void {
    // A stale will, published by the broker after its client is gone, was authorised when set.
    if (client === null) return done(null);
    const principal = this.principals.get(client);
    if (principal === undefined || !canPublish(principal, packet.topic, this.options.rules)) {
      this.options.refusals.refuse(principal?.name ?? client.id, 'not_authorized', `may not publish to ${packet.topic.slice(0, 200)}`);
      return done(new Error('not authorised to publish to this topic'));
    }
    const handler = this.options.inbound.find((h) => h.handles(packet.topic));
    if (handler === undefined) return done(null);
    // What the hub consumes is not a message to keep for later subscribers.
    packet.retain = false;
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    handler.handle(packet.topic, payload, packet.qos, principal).then(
      () => done(null),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }

  private disconnectRemovedCredentials(): void {
    // aedes keeps its connected clients in `clients`, which its typings leave out.
    const clients: Record<string, Client & { close?: () => void }> = (this.broker as unknown as { clients?: Record<string, Client & { close?: () => void }> } | undefined)?.clients ?? {};
    for (const client of Object.values(clients)) {
      const principal = this.principals.get(client);
      if (principal !== undefined && !this.options.stillValid(principal.name)) {
        this.options.logger.info({ credential: principal.name }, 'closing an MQTT connection whose credential was removed');
        client.close?.();
      }
    }
  }
}
