import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { installSecurityHeaders } from './security-headers.js';

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit?: number;
  /** Seconds a client has to send a request's headers, from its first byte or its connection. */
  readonly headersTimeoutSeconds?: number | undefined;
  /** Seconds a kept-alive connection may sit idle between requests. */
  readonly idleSocketSeconds?: number | undefined;
}

/**
 * A slow-loris client opens sockets and sends headers a byte at a time, or nothing at all, to
 * hold every socket the box has. A LAN client sends its headers in milliseconds; ten seconds is
 * room for a phone waking from sleep.
 */
export const DEFAULT_HEADERS_TIMEOUT_SECONDS = 10;
export const DEFAULT_IDLE_SOCKET_SECONDS = 5;
/** The whole request, body included (at most bodyLimit): the longest upload a LAN client needs. */
const REQUEST_TIMEOUT_MS = 60_000;
/** How often Node looks for sockets past their header or request time; its 30 s default would let each hold on that much longer. */
const TIMEOUT_CHECK_MS = 1000;

/** The port is held by another program: said in words a user can act on. */
export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`port ${port} on ${host} is already in use by another program; stop it, or choose another port with HEARTH_HTTP_PORT or http.port in the config`);
    this.name = 'PortInUseError';
  }
}

export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  // Typed as Fastify's base logger so the server keeps the default FastifyInstance type.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const headersTimeout = (options.headersTimeoutSeconds ?? DEFAULT_HEADERS_TIMEOUT_SECONDS) * 1000;
  const server = Fastify({
    loggerInstance,
    // One log line per request would flood an SD card; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    forceCloseConnections: true,
    // Unknown keys are refused with a 400 rather than silently stripped: a typo must not pass as accepted.
    ajv: { customOptions: { removeAdditional: false } },
    // Node closes a socket that has not sent its headers in time with a 408, and one that sent
    // nothing at all, whether it drips or stays silent; an upgraded WebSocket is out of its reach.
    http: { headersTimeout, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    requestTimeout: Math.max(REQUEST_TIMEOUT_MS, headersTimeout),
    keepAliveTimeout: (options.idleSocketSeconds ?? DEFAULT_IDLE_SOCKET_SECONDS) * 1000,
  });
  installSecurityHeaders(server);
  return server;
}

export async function listen(server: FastifyInstance, options: HttpServerOptions): Promise<string> {
  try {
    return await server.listen({ host: options.host, port: options.port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(options.host, options.port);
    throw error;
  }
}
