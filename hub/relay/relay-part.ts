import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HubContext, HubPart, HubPartFactory } from '../daemon/hub-part.js';
import { HttpsTransport } from './https-transport.js';
import { secureRandom } from './laplace.js';
import { registerRelayRoutes } from './relay-routes.js';
import { RELAY_PART } from './relay-schema.js';
import { RelayService } from './relay-service.js';

/**
 * The cloud relay client: off unless `relay.enabled`. Even then nothing leaves until a person's
 * consent says so (research), or everyone's does and a recovery passphrase is set (backup).
 */
export const relayPart: HubPartFactory = (context: HubContext): HubPart | undefined => {
  const { config } = context;
  if (!config.relay.enabled) return undefined;
  const log = context.logging.part(RELAY_PART);
  return {
    name: RELAY_PART,
    start: async () => {
      const transport = new HttpsTransport({ url: config.relay.url, ...(config.relay.caFile !== '' ? { ca: readFileSync(config.relay.caFile) } : {}) });
      const relay = new RelayService({
        db: context.store.db,
        storeQuery: context.store.query,
        clock: context.clock,
        registry: context.registry,
        config: config.relay,
        transport,
        random: secureRandom,
        workDir: join(config.dataDir, 'relay'),
        logger: log,
      });
      registerRelayRoutes(context.http, relay, context.registry);
      context.addJob({ name: 'relay-research', schedule: '20 2 * * *', run: () => relay.runResearch() });
      context.addJob({ name: 'relay-outbox', schedule: '*/5 * * * *', run: () => relay.drain() });
      context.addJob({
        name: 'relay-backup',
        schedule: '40 3 * * *',
        run: async () => {
          const outcome = await relay.runBackup();
          if (outcome.state === 'skipped') log.info({ reason: outcome.reason }, 'backup skipped');
        },
      });
      log.info({ keyId: relay.client.keyId }, 'relay client ready');
    },
    stop: async () => undefined,
  };
};
