import { hostname, networkInterfaces } from 'node:os';
import { ConfigError, ConfigInvalidError, loadConfig } from '../../config/load-config.js';
import { PortInUseError } from '../../http/http-server.js';
import { DataDirectoryInUseError } from '../../daemon/data-dir-lock.js';
import { Hub } from '../../daemon/hub.js';
import { chooseLogOutput, LOG_FORMAT_SETTINGS, type LogFormatSetting } from '../../log/log-format.js';
import { HubLogging } from '../../log/logger.js';
import { MqttPortInUseError, MqttTlsFileError } from '../../mqtt/broker-listener.js';
import { StoreCorruptError, StoreDirectoryError } from '../../store/index.js';
import { parseArgs, stringOption } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { dashboardLine } from '../dashboard-line.js';

/** Failures at start that the user can fix: one clear line, exit status 1. */
const FIXABLE = [ConfigInvalidError, PortInUseError, StoreDirectoryError, StoreCorruptError, MqttPortInUseError, MqttTlsFileError, DataDirectoryInUseError];

function logFormatOption(value: string | undefined): LogFormatSetting | undefined {
  if (value === undefined) return undefined;
  const setting = LOG_FORMAT_SETTINGS.find((s) => s === value);
  if (setting === undefined) throw new UsageError(`--log-format must be one of ${LOG_FORMAT_SETTINGS.join(', ')}, got "${value}"`);
  return setting;
}

/**
 * `run [--config <file>] [--log-format auto|pretty|json]`: starts the hub, says in one plain line
 * where to open the dashboard, and keeps it running until SIGTERM or SIGINT.
 */
export const runCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['config', 'log-format']);
  const path = stringOption(parsed, 'config');
  const formatAsked = logFormatOption(stringOption(parsed, 'log-format'));
  let loaded;
  try {
    loaded = loadConfig(path !== undefined ? { path } : {});
  } catch (error) {
    if (error instanceof ConfigInvalidError || error instanceof ConfigError) {
      io.stderr(`hearth: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const { config } = loaded;
  const output = chooseLogOutput(formatAsked ?? config.logging.format, { isTTY: process.stdout.isTTY === true, env: process.env });
  const logging = new HubLogging({ ...config.logging, output });
  const log = logging.part('hub');
  log.info({ configFile: loaded.path ?? '(defaults)', migrations: loaded.migrationsApplied, environment: loaded.overrides }, 'configuration loaded');
  const hub = new Hub({ config, logging });
  // Signals are caught from before the start: a stop asked for while the parts come up waits for
  // them and then takes them down in order, instead of killing the process half-started.
  let signalled: (signal: string) => void = () => undefined;
  const stopAsked = new Promise<string>((resolve) => (signalled = resolve));
  const onSignal = (signal: string) => (): void => signalled(signal);
  process.once('SIGTERM', onSignal('SIGTERM'));
  process.once('SIGINT', onSignal('SIGINT'));
  try {
    await hub.start();
  } catch (error) {
    if (FIXABLE.some((kind) => error instanceof kind)) {
      io.stderr(`hearth: cannot start: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
  // Through the log's own stream, so that it follows the lines logged while the hub started.
  logging.say(
    dashboardLine(
      { host: config.http.host, port: hub.listeningPort ?? config.http.port, configFile: loaded.path },
      { hostname: hostname(), interfaces: networkInterfaces() },
    ),
  );
  const signal = await stopAsked;
  log.info({ signal }, 'stopping');
  try {
    await hub.stop();
    return 0;
  } catch (error) {
    log.error({ err: error }, 'stopped with an error');
    return 1;
  }
};
