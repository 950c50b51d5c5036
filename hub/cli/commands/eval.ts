import { UsageError, type Command } from '../command.js';

/** `eval <model> --data <dir>`: evaluates a shipped model on a folder of data. */
export const evalCommand: Command = async (args) => {
  throw new UsageError(`no model evaluation is available yet (asked for "${args[0] ?? ''}")`);
};
