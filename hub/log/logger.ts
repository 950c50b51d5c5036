import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { LogOutput } from './log-format.js';

export type { Logger };

export type LogLevel = LevelWithSilent;
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface LoggingOptions {
  readonly level: LogLevel;
  /** Per-part levels, e.g. { store: 'debug', ble: 'warn' }. */
  readonly parts?: Readonly<Record<string, LogLevel>>;
  readonly destination?: DestinationStream;
  /** JSON lines unless told otherwise; see chooseLogOutput. */
  readonly output?: LogOutput;
}

/**
 * The hub's root logger and its per-part children. Personal data (names, raw values) is logged
 * only at debug; the redaction list is the safety net for objects that slip through at info.
 */
export class HubLogging {
  readonly root: Logger;
  private readonly destination: DestinationStream;

  constructor(private readonly options: LoggingOptions) {
    const parts = Object.values(options.parts ?? {});
    // The root must let through the most verbose part level; each child filters to its own.
    const mostVerbose = [options.level, ...parts].reduce((a, b) => (levelRank(b) > levelRank(a) ? b : a));
    this.destination = options.destination ?? pino.destination({ fd: 1, sync: false });
    this.root = pino(
      {
        level: mostVerbose,
        base: { app: 'hearth' },
        redact: { paths: ['*.name', '*.displayName', '*.password', '*.token', '*.value', '*.values', 'name', 'password', 'token'], censor: '[private]' },
        timestamp: pino.stdTimeFunctions.isoTime,
      },
      written(options.output ?? { format: 'json' }, this.destination),
    );
  }

  /**
   * A plain line for the person running the hub (where to open the dashboard), written to the
   * stream the log lines go to, after those already logged: never JSON, never prettified.
   */
  say(line: string): void {
    this.destination.write(`${line}\n`);
  }

  /** A child logger for one part of the hub, at that part's level. */
  part(name: string): Logger {
    const child = this.root.child({ part: name });
    child.level = this.options.parts?.[name] ?? this.options.level;
    return child;
  }
}

/**
 * The stream pino writes its JSON lines to. Pretty lines are made from those lines, after redaction,
 * in the logging thread (no worker), so they reach the destination in the order they were logged.
 */
function written(output: LogOutput, destination: DestinationStream): DestinationStream {
  if (output.format === 'json') return destination;
  const prettify = prettyFactory({
    colorize: output.colour,
    // Local time, which is what the person at the terminal reads on their clock.
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
    // The part leads the message; the app is always Hearth, and pid and hostname say nothing new.
    ignore: 'app,part,pid,hostname',
    messageFormat: '{if part}{part}: {end}{msg}',
    singleLine: true,
  });
  return { write: (line: string) => destination.write(prettify(line)) };
}

function levelRank(level: LogLevel): number {
  return LOG_LEVELS.length - LOG_LEVELS.indexOf(level);
}

/** A logger that writes nothing: for tests and tools that do not want output. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
