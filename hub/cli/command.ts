/** What a CLI command gets: its arguments and where to write. Returns the process exit status. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export type Command = (args: readonly string[], io: CommandIo) => Promise<number>;

/** A failure the user caused (bad flag, missing file): printed as one line, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
