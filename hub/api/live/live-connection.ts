import type { WebSocket, RawData } from 'ws';
import { readablePeople } from '../../accounts/access.js';
import type { Principal } from '../../accounts/principal.js';
import { isMetricId } from '../../../core/metrics.js';
import type { Reading } from '../../../core/reading.js';
import type { ApiAlert } from '../../services/alerts-service.js';
import type { LiveMessage, LiveMessageType } from '../contract/live.js';
import type { GuardedStream, StreamGuard } from '../stream-credentials.js';

export interface LiveLimits {
  /** Above this many bytes waiting in the socket, messages are dropped (and counted) instead of queued. */
  readonly maxBufferedBytes: number;
  /** A socket that has not authenticated by then is closed. */
  readonly authTimeoutMs: number;
  readonly pingIntervalMs: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = { maxBufferedBytes: 256 * 1024, authTimeoutMs: 10_000, pingIntervalMs: 30_000 };

export const CLOSE_UNAUTHENTICATED = 4401;

export interface LiveAuth {
  /** The principal for a token sent in the first message. */
  byToken(token: string): Principal | undefined;
  /** Closes the socket when its credential ends, and re-checks it at every ping. */
  readonly credentials: StreamGuard;
  /** Every person id of the household, for subscriptions to "everyone I may see". */
  everyone(): readonly string[];
  /** A person's latest reading of each metric, sent right after a subscription. */
  latest(personId: string): readonly Reading[];
}

/** A message's own fields, without the `id` and `type` every message carries. */
type LiveBody<Type extends LiveMessageType> = Extract<LiveMessage, { type: Type }> extends infer Message
  ? Message extends unknown
    ? Omit<Message, 'id' | 'type'>
    : never
  : never;

/**
 * What the fan-out offers a socket, as the contract says. An alert comes as the alerts view hands
 * it out (the engine owns its fields); the contract's `ChangedAlert` describes it.
 */
export interface LiveOffers {
  readonly reading: LiveBody<'reading'>;
  readonly device: LiveBody<'device'>;
  readonly alert: { readonly alert: ApiAlert };
}

/** The socket's answers to the client's own messages. */
type LiveReplyType = Exclude<LiveMessageType, keyof LiveOffers | 'dropped'>;

interface Subscription {
  readonly personIds: ReadonlySet<string> | null;
  readonly metrics: ReadonlySet<string> | null;
}

interface ClientMessage {
  type?: unknown;
  token?: unknown;
  personIds?: unknown;
  metrics?: unknown;
  latest?: unknown;
}

/**
 * One dashboard socket: authentication handshake, subscription, and sending with a bound on what
 * may wait in memory. Every message carries the next id, so a client sees gaps as well as the
 * `dropped` count that follows them.
 */
export class LiveConnection implements GuardedStream {
  private nextId = 1;
  private dropped = 0;
  private currentPrincipal: Principal | null = null;
  private ended = false;
  private subscription: Subscription | null = null;
  private awaitingPong = false;
  private authTimer: NodeJS.Timeout | undefined;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly unwatch: () => void;

  constructor(
    private readonly socket: WebSocket,
    private readonly auth: LiveAuth,
    private readonly limits: LiveLimits,
    readonly sessionId: string | null,
    initialPrincipal: Principal | null,
    private readonly onClose: (connection: LiveConnection) => void,
  ) {
    this.unwatch = auth.credentials.watch(this);
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(data, isBinary));
    socket.on('pong', () => (this.awaitingPong = false));
    socket.on('close', () => this.closed());
    socket.on('error', () => socket.terminate());
    if (initialPrincipal !== null) this.authenticated(initialPrincipal);
    else {
      this.authTimer = setTimeout(() => this.socket.close(CLOSE_UNAUTHENTICATED, 'authenticate first'), limits.authTimeoutMs);
      this.authTimer.unref();
    }
    this.pingTimer = setInterval(() => this.keepAlive(), limits.pingIntervalMs);
    this.pingTimer.unref();
  }

  get principal(): Principal | null {
    return this.currentPrincipal;
  }

  refresh(principal: Principal): void {
    if (!this.ended) this.currentPrincipal = principal;
  }

  /** Nothing more is sent once the credential has ended, even before the close handshake completes. */
  end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.currentPrincipal = null;
    this.subscription = null;
    this.socket.close(CLOSE_UNAUTHENTICATED, reason);
  }

  /** Sends a message if this socket wants it; `visible` is asked only once the subscription matches. */
  offer<Type extends keyof LiveOffers>(type: Type, body: LiveOffers[Type], target: { personId?: string | undefined; metric?: string }, visible: (p: Principal) => boolean): void {
    const principal = this.principal;
    const subscription = this.subscription;
    if (principal === null || subscription === null) return;
    if (subscription.personIds !== null && (target.personId === undefined || !subscription.personIds.has(target.personId))) return;
    if (subscription.metrics !== null && target.metric !== undefined && !subscription.metrics.has(target.metric)) return;
    if (!visible(principal)) return;
    this.send(type, body);
  }

  private send<Type extends keyof LiveOffers>(type: Type, body: LiveOffers[Type]): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      // The dropped message still uses up its id, so the client sees where the gap is.
      this.nextId += 1;
      this.dropped += 1;
      return;
    }
    this.flushDropped();
    this.socket.send(JSON.stringify({ id: this.nextId++, type, ...body }));
  }

  private flushDropped(): void {
    if (this.dropped === 0 || this.socket.bufferedAmount > this.limits.maxBufferedBytes) return;
    const count = this.dropped;
    this.dropped = 0;
    this.socket.send(JSON.stringify({ id: this.nextId++, type: 'dropped', count } satisfies LiveMessage));
  }

  private receive(data: RawData, isBinary: boolean): void {
    let message: ClientMessage;
    try {
      if (isBinary) throw new Error('binary');
      const parsed: unknown = JSON.parse(rawText(data));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      message = parsed;
    } catch {
      this.reply('error', { error: 'invalid_message', message: 'messages are JSON objects with a "type"' });
      return;
    }
    switch (message.type) {
      case 'auth':
        this.handleAuth(message);
        return;
      case 'subscribe':
        this.handleSubscribe(message);
        return;
      case 'unsubscribe':
        this.subscription = null;
        this.reply('unsubscribed', {});
        return;
      case 'ping':
        this.reply('pong', {});
        return;
      default:
        this.reply('error', { error: 'unknown_type', message: 'known message types: auth, subscribe, unsubscribe, ping' });
    }
  }

  /** Answers to the client's own requests are never dropped: they are small and rare. */
  private reply<Type extends LiveReplyType>(type: Type, body: LiveBody<Type>): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify({ id: this.nextId++, type, ...body }));
  }

  private handleAuth(message: ClientMessage): void {
    if (this.principal !== null) {
      this.reply('error', { error: 'already_authenticated', message: 'this socket is already authenticated' });
      return;
    }
    const principal = typeof message.token === 'string' ? this.auth.byToken(message.token) : undefined;
    if (principal === undefined) {
      this.reply('error', { error: 'unauthenticated', message: 'the token is not valid' });
      this.socket.close(CLOSE_UNAUTHENTICATED, 'invalid token');
      return;
    }
    this.authenticated(principal);
  }

  private authenticated(principal: Principal): void {
    if (this.ended) return;
    this.currentPrincipal = principal;
    clearTimeout(this.authTimer);
    this.reply('ready', { user: { id: principal.user.id, role: principal.user.role, personId: principal.user.personId ?? null } });
  }

  private handleSubscribe(message: ClientMessage): void {
    const principal = this.principal;
    if (principal === null) {
      this.reply('error', { error: 'unauthenticated', message: 'send {"type":"auth","token":...} first' });
      return;
    }
    const personIds = stringList(message.personIds, 100);
    const metrics = stringList(message.metrics, 100);
    if (personIds === 'invalid' || metrics === 'invalid') {
      this.reply('error', { error: 'invalid_message', message: 'personIds and metrics are lists of at most 100 strings' });
      return;
    }
    const unknownMetric = metrics?.find((m) => !isMetricId(m));
    if (unknownMetric !== undefined) {
      this.reply('error', { error: 'unknown_metric', message: `there is no metric "${unknownMetric}"` });
      return;
    }
    if (personIds !== null) {
      const allowed = readablePeople(principal, personIds);
      if (allowed.length !== personIds.length) {
        this.reply('error', { error: 'forbidden', message: 'you may not see some of those people; nothing was subscribed' });
        return;
      }
    }
    this.subscription = { personIds: personIds === null ? null : new Set(personIds), metrics: metrics === null ? null : new Set(metrics) };
    const people = personIds ?? readablePeople(principal, this.auth.everyone());
    this.reply('subscribed', { personIds: people, metrics: metrics ?? null });
    // Asked for by a page that wants numbers at once rather than waiting for the next reading.
    if (message.latest !== true) return;
    for (const personId of people) {
      for (const reading of this.auth.latest(personId)) {
        this.offer('reading', { reading, latest: true }, { personId, metric: reading.metric }, () => true);
      }
    }
  }

  private keepAlive(): void {
    if (this.awaitingPong) {
      this.socket.terminate();
      return;
    }
    this.auth.credentials.check(this);
    if (this.ended) return;
    this.flushDropped();
    this.awaitingPong = true;
    this.socket.ping();
  }

  private closed(): void {
    this.unwatch();
    clearTimeout(this.authTimer);
    clearInterval(this.pingTimer);
    this.onClose(this);
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function stringList(value: unknown, max: number): string[] | null | 'invalid' {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length > max || !value.every((v): v is string => typeof v === 'string' && v.length <= 128)) return 'invalid';
  return value;
}
