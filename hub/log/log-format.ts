/** How log lines are written: one JSON object a line, or a line a person reads in a terminal. */
export type LogFormat = 'json' | 'pretty';

/** What the config or the command line asks for; `auto` decides from where the output goes. */
export type LogFormatSetting = LogFormat | 'auto';
export const LOG_FORMAT_SETTINGS: readonly LogFormatSetting[] = ['auto', 'pretty', 'json'];

/** Where the hub's output goes, as the process sees it: handed in, so the choice is tested without a terminal. */
export interface LogTerminal {
  /** Whether standard output is an interactive terminal. */
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The format chosen, and for pretty lines whether they are coloured. */
export type LogOutput = { readonly format: 'json' } | { readonly format: 'pretty'; readonly colour: boolean };

/**
 * systemd sets JOURNAL_STREAM when standard output goes to the journal, and INVOCATION_ID for every
 * unit it runs: the journal, and whatever reads it, wants the JSON lines even when a terminal is
 * attached (`systemd-run --pty`).
 */
export function underSystemd(env: LogTerminal['env']): boolean {
  return nonEmpty(env['JOURNAL_STREAM']) || nonEmpty(env['INVOCATION_ID']);
}

/**
 * `auto` writes pretty lines to a person at a terminal and JSON everywhere else (a pipe, a file, the
 * journal). Colour follows the terminal, and NO_COLOR (no-color.org) turns it off.
 */
export function chooseLogOutput(setting: LogFormatSetting, terminal: LogTerminal): LogOutput {
  const format: LogFormat = setting === 'auto' ? (terminal.isTTY && !underSystemd(terminal.env) ? 'pretty' : 'json') : setting;
  if (format === 'json') return { format };
  return { format, colour: terminal.isTTY && !nonEmpty(terminal.env['NO_COLOR']) };
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}
