import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { BackupError, takeSnapshot } from '../../backup/snapshot.js';
import { parseArgs, stringOption } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { backupTarget } from '../../backup/cli-target.js';

/**
 * `backup [--config <file>] [--data-dir <dir>] [--dir <backup dir>] [--keep <n>]`: a consistent
 * snapshot of the database now, then rotation; prints the snapshot as JSON. Safe while the hub runs.
 */
export const backupCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['config', 'data-dir', 'dir', 'keep']);
  const target = backupTarget(parsed);
  const keepText = stringOption(parsed, 'keep');
  const keep = keepText === undefined ? target.keep : Number(keepText);
  if (!Number.isInteger(keep) || keep < 1) throw new UsageError(`--keep must be a whole number of snapshots, at least 1, not "${keepText}"`);
  if (!existsSync(target.database)) {
    io.stderr(`hearth backup: no database at ${target.database}; pass --data-dir or start the hub first`);
    return 1;
  }
  const db = new Database(target.database, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const outcome = await takeSnapshot(db, { dir: target.dir, keep, now: Date.now() });
    io.stdout(JSON.stringify({ file: outcome.file, bytes: outcome.bytes, durationMs: Math.round(outcome.durationMs), kept: outcome.kept, removed: outcome.removed }, null, 2));
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      io.stderr(`hearth backup: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    db.close();
  }
};
