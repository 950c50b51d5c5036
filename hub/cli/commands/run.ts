import { ConfigInvalidError, loadConfig } from '../../config/load-config.js';
import { PortInUseError } from '../../api/http-server.js';
import { Hub } from '../../daemon/hub.js';
import { HubLogging } from '../../log/logger.js';
import { StoreCorruptError, StoreDirectoryError } from '../../store/index.js';
import { parseArgs, stringOption } from '../args.js';
import type { Command } from '../command.js';

/** Failures at start that the user can fix: one clear line, exit status 1. */
const FIXABLE = [ConfigInvalidError, PortInUseError, StoreDirectoryError, StoreCorruptError];

/** `run [--config <file>]`: starts the hub and keeps it running until SIGTERM or SIGINT. */
export const runCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['config']);
  const path = stringOption(parsed, 'config');
  let loaded;
  try {
    loaded = loadConfig(path !== undefined ? { path } : {});
  } catch (error) {
    if (error instanceof ConfigInvalidError) {
      io.stderr(`hearth: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const logging = new HubLogging(loaded.config.logging);
  const log = logging.part('hub');
  log.info({ configFile: loaded.path ?? '(defaults)', migrations: loaded.migrationsApplied, environment: loaded.overrides }, 'configuration loaded');
  const hub = new Hub({ config: loaded.config, logging });
  try {
    await hub.start();
  } catch (error) {
    if (FIXABLE.some((kind) => error instanceof kind)) {
      io.stderr(`hearth: cannot start: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      hub.stop().then(
        () => resolve(0),
        (error: unknown) => {
          log.error({ err: error }, 'stopped with an error');
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
};
