import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';

export type { Logger };

export type LogLevel = LevelWithSilent;
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface LoggingOptions {
  readonly level: LogLevel;
  /** Per-part levels, e.g. { store: 'debug', ble: 'warn' }. */
  readonly parts?: Readonly<Record<string, LogLevel>>;
  readonly destination?: DestinationStream;
}

/**
 * The hub's root logger and its per-part children. Personal data (names, raw values) is logged
 * only at debug; the redaction list is the safety net for objects that slip through at info.
 */
export class HubLogging {
  readonly root: Logger;

  constructor(private readonly options: LoggingOptions) {
    const parts = Object.values(options.parts ?? {});
    // The root must let through the most verbose part level; each child filters to its own.
    const mostVerbose = [options.level, ...parts].reduce((a, b) => (levelRank(b) > levelRank(a) ? b : a));
    this.root = pino(
      {
        level: mostVerbose,
        base: { app: 'hearth' },
        redact: { paths: ['*.name', '*.displayName', '*.password', '*.token', '*.value', '*.values', 'name', 'password', 'token'], censor: '[private]' },
        timestamp: pino.stdTimeFunctions.isoTime,
      },
      options.destination ?? pino.destination({ fd: 1, sync: false }),
    );
  }

  /** A child logger for one part of the hub, at that part's level. */
  part(name: string): Logger {
    const child = this.root.child({ part: name });
    child.level = this.options.parts?.[name] ?? this.options.level;
    return child;
  }
}

function levelRank(level: LogLevel): number {
  return LOG_LEVELS.length - LOG_LEVELS.indexOf(level);
}

/** A logger that writes nothing: for tests and tools that do not want output. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
