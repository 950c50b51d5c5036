#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { utcDay } from './protocol/signing.js';
import { buildRelayApp } from './relay-app.js';
import { relayConfigFromEnv } from './relay-config.js';
import type { RelayStorage } from './storage/relay-storage.js';
import { SqliteRelayStorage } from './storage/sqlite-storage.js';

const DAY_MS = 86_400_000;
const HOUSEKEEPING_MS = 3_600_000;

async function openStorage(sqlitePath: string, databaseUrl: string): Promise<RelayStorage> {
  if (databaseUrl === '') return new SqliteRelayStorage(sqlitePath);
  const { openPostgresStorage } = await import('./storage/postgres-storage.js');
  return openPostgresStorage(databaseUrl);
}

/** `node dist/cloud-relay/main.js`: the relay service, configured from the environment. */
async function main(): Promise<void> {
  const config = relayConfigFromEnv(process.env);
  const storage = await openStorage(config.sqlitePath, config.databaseUrl);
  const https = config.tlsCertFile !== '' ? { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) } : undefined;
  const app = buildRelayApp({ storage, config, server: { logger: { level: process.env.RELAY_LOG_LEVEL ?? 'info' }, ...(https !== undefined ? { https } : {}) } });
  const housekeeping = setInterval(() => {
    const today = Date.now();
    void Promise.all([storage.purgeNonces(utcDay(today - 2 * DAY_MS)), storage.purgeIncompleteBackups(utcDay(today - config.incompleteBackupDays * DAY_MS))]).catch(
      (error: unknown) => app.log.error({ err: error }, 'housekeeping failed'),
    );
  }, HOUSEKEEPING_MS);
  housekeeping.unref();
  const stop = (): void => {
    clearInterval(housekeeping);
    void app
      .close()
      .then(() => storage.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ host: config.host, port: config.port });
}

main().catch((error: unknown) => {
  console.error(`hearth relay: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
