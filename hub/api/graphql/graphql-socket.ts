import type { RawData, WebSocket } from 'ws';
import {
  getOperationAST,
  OperationTypeNode,
  parse,
  specifiedRules,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Principal } from '../../accounts/principal.js';
import type { GuardedStream, StreamGuard } from '../stream-credentials.js';
import { asGraphqlError, formatGraphqlError } from './graphql-errors.js';
import type { GraphqlContext } from './graphql-resolvers.js';

/** The protocol of the graphql-ws library (github.com/enisdenjo/graphql-ws, PROTOCOL.md). */
export const TRANSPORT_WS = 'graphql-transport-ws';
/** The older subscriptions-transport-ws protocol, still spoken by some clients. */
export const LEGACY_WS = 'graphql-ws';

/** graphql-transport-ws close codes. */
export const CLOSE_CODES = { badRequest: 4400, unauthorized: 4401, forbidden: 4403, initTimeout: 4408, subscriberExists: 4409, tooManyInits: 4429 } as const;

interface Signals {
  readonly subscribe: string;
  readonly stop: string;
  readonly next: string;
  /** The legacy protocol refuses a connection with a message before closing; the current one only closes with 4403. */
  readonly connectionError?: string;
  readonly keepAlive?: string;
  readonly terminate?: string;
}

const SIGNALS: Readonly<Record<string, Signals>> = {
  [TRANSPORT_WS]: { subscribe: 'subscribe', stop: 'complete', next: 'next' },
  [LEGACY_WS]: { subscribe: 'start', stop: 'stop', next: 'data', connectionError: 'connection_error', keepAlive: 'ka', terminate: 'connection_terminate' },
};

export function isGraphqlSocketProtocol(protocol: string): boolean {
  return SIGNALS[protocol] !== undefined;
}

export interface GraphqlSocketOptions {
  readonly schema: GraphQLSchema;
  readonly rules: readonly ValidationRule[];
  readonly maxTokens: number;
  readonly credentials: StreamGuard;
  /** The principal for a token sent in connection_init. */
  byToken(token: string): Principal | undefined;
  /** A socket that has not sent connection_init by then is closed (4408). */
  readonly initTimeoutMs: number;
  readonly pingIntervalMs: number;
  readonly maxSubscriptions: number;
}

interface ClientMessage {
  readonly type: string;
  readonly id?: unknown;
  readonly payload?: unknown;
}

interface SubscribePayload {
  readonly query?: unknown;
  readonly variables?: unknown;
  readonly operationName?: unknown;
}

interface Running {
  iterator: AsyncGenerator<ExecutionResult> | undefined;
  stopped: boolean;
}

function tokenIn(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { token, authorization } = payload as { token?: unknown; authorization?: unknown };
  if (typeof token === 'string') return token;
  if (typeof authorization === 'string') return authorization.replace(/^Bearer\s+/i, '');
  return undefined;
}

function isAsyncGenerator(value: unknown): value is AsyncGenerator<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * One GraphQL socket: the handshake, the subscriptions it runs, and its end when its credential
 * ends. Only subscriptions travel over it (queries and mutations go over HTTP, through the limits
 * and the gate there); each subscription document passes the same limits.
 */
export class GraphqlSocket implements GuardedStream {
  private current: Principal | null = null;
  private initialised = false;
  private acknowledged = false;
  private ended = false;
  private awaitingPong = false;
  private readonly signals: Signals;
  private readonly running = new Map<string, Running>();
  private readonly initTimer: NodeJS.Timeout;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly unwatch: () => void;
  /** What the resolvers see: the principal as it is now, not as it was at subscribe. */
  private readonly context: GraphqlContext;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: GraphqlSocketOptions,
    /** Who opened the socket: a same-origin session cookie or a bearer header; a token in connection_init overrides it. */
    private readonly upgradePrincipal: Principal | null,
    readonly sessionId: string | null,
  ) {
    this.signals = SIGNALS[socket.protocol] ?? (SIGNALS[TRANSPORT_WS] as Signals);
    const principalNow = (): Principal | null => this.current;
    this.context = {
      get principal() {
        return principalNow();
      },
    };
    this.unwatch = options.credentials.watch(this);
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(data, isBinary));
    socket.on('pong', () => (this.awaitingPong = false));
    socket.on('close', () => this.closed());
    socket.on('error', () => socket.terminate());
    this.initTimer = setTimeout(() => this.close(CLOSE_CODES.initTimeout, 'Connection initialisation timeout'), options.initTimeoutMs);
    this.initTimer.unref();
    this.pingTimer = setInterval(() => this.keepAlive(), options.pingIntervalMs);
    this.pingTimer.unref();
  }

  get principal(): Principal | null {
    return this.current;
  }

  get subscriptions(): number {
    return this.running.size;
  }

  refresh(principal: Principal): void {
    if (!this.ended) this.current = principal;
  }

  end(reason: string): void {
    this.close(CLOSE_CODES.forbidden, reason);
  }

  private close(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.current = null;
    this.stopAll();
    this.socket.close(code, reason);
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.ended) return;
    const message = isBinary ? undefined : parseMessage(data);
    if (message === undefined) {
      this.close(CLOSE_CODES.badRequest, 'Invalid message received');
      return;
    }
    switch (message.type) {
      case 'connection_init':
        this.init(message.payload);
        return;
      case 'ping':
        if (this.signals === SIGNALS[TRANSPORT_WS]) this.send({ type: 'pong' });
        return;
      case 'pong':
        return;
      case this.signals.subscribe:
        this.subscribe(message);
        return;
      case this.signals.stop:
        if (typeof message.id === 'string') this.stop(message.id, this.signals === SIGNALS[LEGACY_WS]);
        return;
      case this.signals.terminate:
        this.close(1000, 'Normal Closure');
        return;
      default:
        this.close(CLOSE_CODES.badRequest, `Invalid message type "${message.type.slice(0, 40)}"`);
    }
  }

  private init(payload: unknown): void {
    if (this.initialised) {
      this.close(CLOSE_CODES.tooManyInits, 'Too many initialisation requests');
      return;
    }
    this.initialised = true;
    clearTimeout(this.initTimer);
    const token = tokenIn(payload);
    const principal = token === undefined ? this.upgradePrincipal : this.options.byToken(token);
    if (principal === undefined || principal === null) {
      if (this.signals.connectionError !== undefined) this.send({ type: this.signals.connectionError, payload: { message: 'Forbidden' } });
      this.close(CLOSE_CODES.forbidden, 'Forbidden');
      return;
    }
    this.current = principal;
    this.acknowledged = true;
    this.send({ type: 'connection_ack' });
  }

  private subscribe(message: ClientMessage): void {
    if (!this.acknowledged) {
      if (this.signals.connectionError !== undefined) this.send({ type: this.signals.connectionError, payload: { message: 'Connection has not been established yet.' } });
      this.close(CLOSE_CODES.unauthorized, 'Unauthorized');
      return;
    }
    const { id } = message;
    const payload = (typeof message.payload === 'object' && message.payload !== null ? message.payload : {}) as SubscribePayload;
    if (typeof id !== 'string' || id === '' || id.length > 128 || typeof payload.query !== 'string') {
      this.close(CLOSE_CODES.badRequest, 'Invalid message received');
      return;
    }
    if (this.running.has(id)) {
      this.close(CLOSE_CODES.subscriberExists, `Subscriber for ${id.slice(0, 64)} already exists`);
      return;
    }
    const prepared = this.prepare(payload.query, payload.operationName);
    if (Array.isArray(prepared)) {
      this.sendErrors(id, prepared);
      return;
    }
    if (this.running.size >= this.options.maxSubscriptions) {
      this.send({ id, type: 'error', payload: [{ message: `at most ${this.options.maxSubscriptions} subscriptions run on one socket`, extensions: { code: 'too_many_subscriptions' } }] });
      return;
    }
    const variables = typeof payload.variables === 'object' && payload.variables !== null ? (payload.variables as Record<string, unknown>) : undefined;
    const operationName = typeof payload.operationName === 'string' ? payload.operationName : undefined;
    const run: Running = { iterator: undefined, stopped: false };
    this.running.set(id, run);
    this.execute(id, run, prepared, variables, operationName).catch((error: unknown) => {
      if (this.running.get(id) === run) this.running.delete(id);
      this.sendErrors(id, [asGraphqlError(error)]);
    });
  }

  /** The document, or why it is refused: parse and validate with the same limits as over HTTP. */
  private prepare(query: string, operationName: unknown): DocumentNode | GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.options.maxTokens });
    } catch (error) {
      return [asGraphqlError(error)];
    }
    const operation = getOperationAST(document, typeof operationName === 'string' ? operationName : undefined);
    if (operation === null || operation === undefined) return [asGraphqlError(new Error('the document must name which of its operations to run'))];
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION) return [asGraphqlError(new Error('only subscriptions travel over the socket; send queries and mutations over HTTP'))];
    const errors = validate(this.options.schema, document, [...specifiedRules, ...this.options.rules]);
    return errors.length > 0 ? [...errors] : document;
  }

  private async execute(id: string, run: Running, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): Promise<void> {
    const result = await subscribe({ schema: this.options.schema, document, contextValue: this.context, variableValues: variables ?? null, operationName: operationName ?? null });
    if (!isAsyncGenerator(result)) {
      if (this.running.get(id) === run) this.running.delete(id);
      if (!run.stopped) this.sendErrors(id, result.errors ?? []);
      return;
    }
    if (run.stopped) {
      await result.return(undefined);
      return;
    }
    run.iterator = result;
    for await (const value of result) {
      if (run.stopped) break;
      // Waiting for the socket to take each message keeps a slow client's backlog in the bounded bus queue.
      await this.sendAndWait({ id, type: this.signals.next, payload: this.formatted(value) });
    }
    if (this.running.get(id) !== run) return;
    this.running.delete(id);
    if (!run.stopped) this.send({ id, type: 'complete' });
  }

  private stop(id: string, confirm: boolean): void {
    const run = this.running.get(id);
    if (run === undefined) return;
    this.running.delete(id);
    run.stopped = true;
    void run.iterator?.return(undefined);
    if (confirm) this.send({ id, type: 'complete' });
  }

  private stopAll(): void {
    for (const id of [...this.running.keys()]) this.stop(id, false);
  }

  private formatted(result: ExecutionResult): { data?: unknown; errors?: GraphQLFormattedError[] } {
    const errors = result.errors?.map((e) => formatGraphqlError(e, this.options.maxTokens));
    return { ...(result.data !== undefined ? { data: result.data } : {}), ...(errors !== undefined && errors.length > 0 ? { errors } : {}) };
  }

  private sendErrors(id: string, errors: readonly GraphQLError[]): void {
    this.send({ id, type: 'error', payload: errors.map((e) => formatGraphqlError(e, this.options.maxTokens)) });
  }

  private send(message: Record<string, unknown>): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private sendAndWait(message: Record<string, unknown>): Promise<void> {
    if (this.socket.readyState !== this.socket.OPEN || this.ended) return Promise.resolve();
    return new Promise((resolve) => this.socket.send(JSON.stringify(message), () => resolve()));
  }

  private keepAlive(): void {
    if (this.awaitingPong) {
      this.socket.terminate();
      return;
    }
    this.options.credentials.check(this);
    if (this.ended) return;
    if (this.acknowledged && this.signals.keepAlive !== undefined) this.send({ type: this.signals.keepAlive });
    this.awaitingPong = true;
    this.socket.ping();
  }

  private closed(): void {
    this.ended = true;
    this.current = null;
    clearTimeout(this.initTimer);
    clearInterval(this.pingTimer);
    this.unwatch();
    this.stopAll();
  }
}

function parseMessage(data: RawData): ClientMessage | undefined {
  try {
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const { type } = parsed as { type?: unknown };
    return typeof type === 'string' ? (parsed as ClientMessage) : undefined;
  } catch {
    return undefined;
  }
}
