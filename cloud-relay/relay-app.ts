import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { RelayServiceConfig } from './relay-config.js';
import { registerBackupRoutes } from './routes/backup-routes.js';
import { registerBatchRoutes } from './routes/batch-routes.js';
import { registerHubRoutes } from './routes/hub-routes.js';
import { registerResearchRoutes } from './routes/research-routes.js';
import type { RelayStorage } from './storage/relay-storage.js';

export interface RelayAppOptions {
  readonly storage: RelayStorage;
  readonly config: RelayServiceConfig;
  readonly now?: () => number;
  /** TLS and logging options passed to Fastify. */
  readonly server?: FastifyServerOptions & { https?: { cert: Buffer; key: Buffer } };
}

/**
 * The relay: stateless apart from its storage, so any number of instances can serve one database.
 * Bodies are kept as bytes as well as parsed, because a signature covers the exact bytes sent.
 */
export function buildRelayApp(options: RelayAppOptions): FastifyInstance {
  // Ajv must refuse unknown fields, not strip them: a payload carrying more than the protocol names is
  // a bug on the hub to be seen, and the signature covers the bytes as sent.
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    ...options.server,
  } as FastifyServerOptions);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')) as unknown);
    } catch {
      const error = new Error('the body is not valid JSON') as Error & { statusCode: number };
      error.statusCode = 400;
      done(error, undefined);
    }
  });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    done(null, body);
  });
  const deps = { storage: options.storage, config: options.config, now: options.now ?? Date.now };
  app.get('/v1/health', async () => ({ status: 'ok' }));
  registerHubRoutes(app, deps);
  registerBatchRoutes(app, deps);
  registerBackupRoutes(app, deps);
  registerResearchRoutes(app, deps);
  return app;
}
