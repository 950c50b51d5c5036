import type { Server, Socket } from 'node:net';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import type { Logger } from 'pino';
import type { RateLimitedLog } from '../log/log-limiter.js';
import type { MqttLimits } from './mqtt-config.js';
import type { MqttPrincipal } from './mqtt-principal.js';
import { closeListener, listenForMqtt } from './broker-listener.js';
import type { ClientIdOwners } from './client-id-owners.js';
import { ConnectionAdmission, type AdmissionRefusal } from './connection-admission.js';
import type { IngestRefusals } from './ingest-refusals.js';
import type { OversizedPublish } from './packet-filter.js';
import { RetainedBudget } from './retained-budget.js';
import { SessionStore } from './session-store.js';
import { canPublish, canSubscribe, filterCovers, INGEST_PREFIX, type TopicRules } from './topic-acl.js';

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
  /** `signal` is aborted when the connection closes first: a check still waiting may be dropped. */
  readonly verify: (username: string, secret: string, signal: AbortSignal) => Promise<MqttPrincipal | undefined>;
  /** Whether a credential still exists (removed ones are disconnected). */
  readonly stillValid: (name: string) => boolean;
  /** Which credential each client id and persistent session belongs to. */
  readonly owners: ClientIdOwners;
  readonly inbound: readonly InboundHandler[];
  readonly refusals: IngestRefusals;
  readonly logger: Logger;
  /** For lines a client can cause (refused connects, sockets): rate-limited per source. */
  readonly outsideLog: RateLimitedLog;
}

/** Sockets the broker closed before they authenticated, by why. */
export type SocketRefusals = Readonly<Partial<Record<AdmissionRefusal | 'socket_limit', number>>>;

const SWEEP_EVERY_MS = 15_000;
/** Room for the variable header (topic, packet id) of packets other than PUBLISH beyond the payload limit. */
const HEADER_ALLOWANCE = 1024;
const SHOWN_TEXT = 64;

function authError(message: string, returnCode: 2 | 3 | 4 | 5): AuthenticateError {
  return Object.assign(new Error(message), { returnCode });
}

/** A client's text (a username, a client id) as a log line may show it. */
function shown(text: string): string {
  return text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT)}…` : text;
}

/** An answer without a reason code (MQTT 3.1.1): PUBACK for QoS 1, PUBREC for QoS 2. */
function acknowledgement(publish: OversizedPublish): Buffer | undefined {
  if (publish.packetId === undefined) return undefined;
  const type = publish.qos === 2 ? 0x50 : 0x40;
  return Buffer.from([type, 0x02, publish.packetId >> 8, publish.packetId & 0xff]);
}

/**
 * The household's MQTT broker (aedes): every client authenticates with its own credential, every
 * publish and subscription passes the topic ACL, `$SYS` is closed, and limits bound connections,
 * packet size, topic depth, in-flight and retained messages. A client id belongs to the credential
 * that uses it (ClientIdOwners); sockets that have not authenticated are held to their own limits
 * (ConnectionAdmission). It listens only between `start` and `stop`.
 */
export class EmbeddedBroker {
  private broker: Aedes | undefined;
  private sessions: SessionStore | undefined;
  private readonly servers: Server[] = [];
  private readonly principals = new WeakMap<Client, MqttPrincipal>();
  /** Clients past their CONNACK, by socket: only they may be answered for an oversized PUBLISH. */
  private readonly ready = new WeakMap<object, MqttPrincipal>();
  private readonly admission: ConnectionAdmission;
  private readonly retained: RetainedBudget;
  private readonly socketRefusals = new Map<AdmissionRefusal | 'socket_limit', number>();
  /** Client ids that had a persistent session in this run, to wipe once nobody owns them. */
  private readonly persistentIds = new Set<string>();
  /** Clients that asked for a persistent session without naming it (the broker has given them an id since). */
  private readonly unnamedPersistent = new WeakSet<Client>();
  private sweep: NodeJS.Timeout | undefined;
  private addresses: string[] = [];

  constructor(private readonly options: EmbeddedBrokerOptions) {
    const { limits } = options;
    this.admission = new ConnectionAdmission(
      { maxPending: limits.maxPendingConnections, maxPendingPerAddress: limits.maxPendingPerAddress, deadlineMs: limits.connectTimeoutMs },
      (address, why) => this.refusedSocket(address, why),
    );
    this.retained = new RetainedBudget({ maxMessages: limits.maxRetainedPerCredential, maxBytes: limits.maxRetainedBytesPerCredential });
  }

  async start(): Promise<void> {
    const { limits } = this.options;
    const broker = new Aedes({
      maxTopicLevels: limits.maxTopicLevels,
      maxInflightInbound: limits.maxInflightPerClient,
      queueLimit: limits.maxQueuedPerClient,
      maxClientsIdLength: 64,
      connectTimeout: limits.connectTimeoutMs,
      // MQTT-3.1.3-8: a session to resume needs a name; aedes 1.x would invent one no one can resume.
      preConnect: (client, packet, done) => {
        if (packet.clientId === '' && packet.clean === false) this.unnamedPersistent.add(client);
        done(null, true);
      },
      authenticate: (client, username, password, done) => this.authenticate(client, username, password, done),
      authorizePublish: (client, packet, done) => this.authorizePublish(client, packet, done),
      authorizeSubscribe: (client, subscription, done) => {
        const principal = this.principals.get(client);
        const allowed = principal !== undefined && canSubscribe(principal, subscription.topic, this.options.rules);
        if (!allowed) this.options.outsideLog.info(principal?.name ?? client.id, { topic: shown(subscription.topic) }, 'MQTT subscription refused by the topic ACL');
        done(null, allowed ? subscription : null);
      },
      // Raw ingest messages stay inside the hub, whatever wildcard a reader subscribed with.
      authorizeForward: (_client, packet) => (packet.topic.startsWith(INGEST_PREFIX) ? null : packet),
    });
    await broker.listen();
    this.broker = broker;
    this.sessions = new SessionStore(broker);
    broker.on('clientError', (client, error) => this.options.logger.debug({ clientId: shown(client.id), err: error.message }, 'MQTT client error'));
    broker.on('clientReady', (client) => {
      const principal = this.principals.get(client);
      if (principal !== undefined) this.ready.set(client.conn, principal);
    });
    try {
      const listen = async (port: number, tls: boolean): Promise<void> => {
        const server = await listenForMqtt({
          host: this.options.host,
          port,
          maxSockets: limits.maxConnections + limits.maxPendingConnections,
          packets: { maxPayloadBytes: limits.maxPayloadBytes, maxOtherPacketBytes: limits.maxPayloadBytes + HEADER_ALLOWANCE },
          admission: this.admission,
          ...(tls ? { tls: { certFile: this.options.tls.certFile, keyFile: this.options.tls.keyFile, handshakeTimeoutMs: limits.connectTimeoutMs } } : {}),
          handle: (socket) => broker.handle(socket),
          onOversizedPublish: (socket, publish) => this.answerOversized(socket, publish),
          onOversizedPacket: (remote) => this.options.refusals.refuse(remote ?? 'unknown client', 'oversized', 'a packet larger than mqtt.limits.maxPayloadBytes; connection closed'),
          onDropped: (remote) => this.refusedSocket(remote ?? 'unknown', 'socket_limit'),
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
    this.sweep = setInterval(() => this.sweepRemovedCredentials(), SWEEP_EVERY_MS);
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
    this.sessions = undefined;
    if (broker !== undefined) await new Promise<void>((resolve) => broker.close(() => resolve()));
    await Promise.all(closing);
    this.addresses = [];
    this.options.outsideLog.flush();
  }

  get listening(): readonly string[] {
    return this.addresses;
  }

  get connectedClients(): number {
    return this.broker?.connectedClients ?? 0;
  }

  /** Sockets waiting to authenticate now, and those closed before they did, by why. */
  get sockets(): { readonly pending: number; readonly refused: SocketRefusals } {
    return { pending: this.admission.pendingCount, refused: Object.fromEntries(this.socketRefusals) };
  }

  /** What a credential keeps retained on the broker now. */
  retainedOf(credential: string): { readonly count: number; readonly bytes: number } {
    return this.retained.of(credential);
  }

  /** Connected clients holding a subscription that receives `topic` (a test message's listeners). */
  listenersOf(topic: string): number {
    // aedes keeps its clients and each one's subscriptions (restored sessions' too) without typing them.
    const clients = (this.broker as unknown as { clients?: Record<string, { connected?: boolean; subscriptions?: Record<string, unknown> }> } | undefined)?.clients ?? {};
    return Object.values(clients).filter((client) => client.connected === true && Object.keys(client.subscriptions ?? {}).some((filter) => filterCovers(filter, topic))).length;
  }

  /** Publishes as the hub (no ACL: the hub owns its topics). */
  publish(topic: string, payload: string | Buffer, options: { retain?: boolean; qos?: 0 | 1 } = {}): Promise<void> {
    const broker = this.broker;
    if (broker === undefined) return Promise.resolve();
    const packet: PublishPacket = { cmd: 'publish', topic, payload, qos: options.qos ?? 0, retain: options.retain ?? false, dup: false };
    return new Promise((resolve, reject) => broker.publish(packet, (error) => (error ? reject(error) : resolve())));
  }

  private authenticate(client: Client, username: string | undefined, password: Buffer | undefined, done: (error: AuthenticateError | null, success: boolean | null) => void): void {
    const conn = client.conn as Socket;
    const remote = conn.remoteAddress ?? 'unknown';
    if (this.unnamedPersistent.has(client)) {
      this.options.outsideLog.info(remote, {}, 'MQTT connection refused: a persistent session without a client id');
      done(authError('a persistent session (clean session off) needs a client id', 2), false);
      return;
    }
    if (username === undefined || username === '' || password === undefined) {
      this.options.outsideLog.info(remote, { clientId: shown(client.id) }, 'anonymous MQTT connection refused');
      done(authError('a username and password are required', 5), false);
      return;
    }
    const gone = new AbortController();
    const abort = (): void => gone.abort();
    conn.once('close', abort);
    this.options
      .verify(username, password.toString('utf8'), gone.signal)
      .finally(() => conn.off('close', abort))
      .then(async (principal) => {
        if (principal === undefined) {
          this.options.outsideLog.warn(remote, { credential: shown(username) }, 'MQTT connection refused: wrong username or password');
          done(authError('wrong username or password', 4), false);
          return;
        }
        // Gone while its secret was checked: nothing to claim for it.
        if (client.closed || conn.destroyed) return done(authError('the connection closed', 5), false);
        const refusal = this.admitAuthenticated(client, principal);
        if (refusal !== undefined) return done(refusal, false);
        const claim = this.options.owners.claim(client.id, principal.name, !client.clean, client);
        if (!claim.ok) {
          this.options.outsideLog.warn(principal.name, { clientId: shown(client.id), heldBy: claim.heldBy }, 'MQTT connection refused: the client id belongs to another credential');
          return done(authError('this client id belongs to another credential', 2), false);
        }
        conn.once('close', () => this.options.owners.release(client.id, client));
        if (!client.clean) this.persistentIds.add(client.id);
        // What another credential left under this id, or what this one gave up, is never handed on.
        for (const id of claim.evicted) await this.sessions?.forget(id);
        if (claim.fresh) await this.sessions?.forget(client.id);
        this.principals.set(client, principal);
        this.admission.authenticated(conn);
        done(null, true);
      })
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'MQTT credential check failed');
        done(authError('credential check failed', 4), false);
      });
  }

  /** Refuses an authenticated client when the broker is full; a reconnect of the same id replaces itself. */
  private admitAuthenticated(client: Client, principal: MqttPrincipal): AuthenticateError | undefined {
    const { owners, limits } = this.options;
    if (owners.connections < limits.maxConnections || owners.connectedAs(client.id, principal.name)) return undefined;
    this.options.outsideLog.warn('maxConnections', { credential: principal.name, maxConnections: limits.maxConnections }, 'MQTT connection refused: mqtt.limits.maxConnections clients are connected');
    return authError('the broker has as many clients as mqtt.limits.maxConnections allows', 3);
  }

  private authorizePublish(client: Client | null, packet: PublishPacket, done: (error?: Error | null) => void): void {
    // A stale will, published by the broker after its client is gone, was authorised when set.
    if (client === null) return done(null);
    const principal = this.principals.get(client);
    if (principal === undefined || !canPublish(principal, packet.topic, this.options.rules)) {
      this.options.refusals.refuse(principal?.name ?? shown(client.id), 'not_authorized', `may not publish to ${shown(packet.topic)}`);
      return done(new Error('not authorised to publish to this topic'));
    }
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const handler = this.options.inbound.find((h) => h.handles(packet.topic));
    if (handler === undefined) {
      if (packet.retain && !this.retained.admit(principal.name, packet.topic, payload.length)) {
        // Still delivered to whoever listens now; only not kept for later subscribers.
        packet.retain = false;
        const held = this.retained.of(principal.name);
        this.options.refusals.refuse(principal.name, 'retained_limit', `keeps ${held.count} retained messages (${held.bytes} bytes); sent on without keeping it`);
      }
      return done(null);
    }
    // What the hub consumes is not a message to keep for later subscribers.
    packet.retain = false;
    handler.handle(packet.topic, payload, packet.qos, principal).then(
      () => done(null),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /**
   * MQTT 3.1.1 has no reason codes: an oversized QoS 1 or 2 message is acknowledged and dropped,
   * and counted, so that the device moves on instead of resending it for ever. Before its CONNACK
   * a client has no right to an answer and is closed.
   */
  private answerOversized(socket: Socket, publish: OversizedPublish): void {
    const principal = this.ready.get(socket);
    const detail = `${publish.payloadBytes} bytes to ${shown(publish.topic)}; at most ${this.options.limits.maxPayloadBytes} (mqtt.limits.maxPayloadBytes)`;
    if (principal === undefined) {
      this.options.refusals.refuse(socket.remoteAddress ?? 'unknown client', 'oversized', `${detail}; sent before the client was connected, connection closed`);
      socket.destroy();
      return;
    }
    this.options.refusals.refuse(principal.name, 'oversized', publish.qos > 0 ? `${detail}; acknowledged and dropped` : `${detail}; dropped`);
    const answer = acknowledgement(publish);
    if (answer !== undefined && !socket.destroyed) socket.write(answer);
  }

  private refusedSocket(address: string, why: AdmissionRefusal | 'socket_limit'): void {
    this.socketRefusals.set(why, (this.socketRefusals.get(why) ?? 0) + 1);
    this.options.outsideLog.warn(address, { why }, 'MQTT socket closed before it authenticated');
  }

  private sweepRemovedCredentials(): void {
    // aedes keeps its connected clients in `clients`, which its typings leave out.
    const clients: Record<string, Client & { close?: () => void }> = (this.broker as unknown as { clients?: Record<string, Client & { close?: () => void }> } | undefined)?.clients ?? {};
    for (const client of Object.values(clients)) {
      const principal = this.principals.get(client);
      if (principal !== undefined && !this.options.stillValid(principal.name)) {
        this.options.logger.info({ credential: principal.name }, 'closing an MQTT connection whose credential was removed');
        client.close?.();
      }
    }
    // Sessions of removed credentials: nobody may resume them, so they are not kept either.
    for (const id of this.persistentIds) {
      if (this.options.owners.owned(id)) continue;
      this.persistentIds.delete(id);
      this.sessions?.forget(id).catch((error: unknown) => this.options.logger.warn({ clientId: shown(id), err: (error as Error).message }, 'could not forget an MQTT session'));
    }
  }
}
