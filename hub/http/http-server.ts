import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit?: number;
}

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
  return Fastify({
    loggerInstance,
    // One log line per request would flood an SD card; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    forceCloseConnections: true,
    // Unknown keys are refused with a 400 rather than silently stripped: a typo must not pass as accepted.
    ajv: { customOptions: { removeAdditional: false } },
  });
}

export async function listen(server: FastifyInstance, options: HttpServerOptions): Promise<string> {
  try {
    return await server.listen({ host: options.host, port: options.port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(options.host, options.port);
    throw error;
  }
}
