import { dirname } from 'node:path';
import { parseArgs } from '../cli/args.js';
import { UsageError, type Command, type CommandIo } from '../cli/command.js';
import { DataDirectoryInUseError, holdingDataDirectory } from '../daemon/data-dir-lock.js';
import { backupTarget } from './cli-target.js';
import { restoreSnapshot } from './restore.js';
import { BackupError } from './snapshot.js';
import { listSnapshots } from './snapshot-files.js';

const LOCAL_OPTIONS = ['config', 'data-dir', 'dir'];

/**
 * `restore <file|latest> [--config <file>] [--data-dir <dir>] [--dir <backup dir>]` puts a snapshot
 * taken on the box in place of the database (the hub must be stopped, and cannot start while it
 * runs; the replaced database is kept aside). `restore --list` prints the snapshots, newest first.
 */
export const localRestoreCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, LOCAL_OPTIONS, ['list']);
  const target = backupTarget(parsed);
  const snapshots = listSnapshots(target.dir);
  if (parsed.options.get('list') === true) {
    io.stdout(JSON.stringify({ dir: target.dir, snapshots: snapshots.map((s) => ({ file: s.file, bytes: s.bytes, takenAt: new Date(s.takenAt).toISOString() })) }, null, 2));
    return 0;
  }
  const [which, ...extra] = parsed.positional;
  if (which === undefined || extra.length > 0) throw new UsageError('name one backup file, or `latest` (see `restore --list`)');
  let source = which;
  if (which === 'latest') {
    const newest = snapshots[0];
    if (newest === undefined) {
      io.stderr(`hearth restore: no backups in ${target.dir}`);
      return 1;
    }
    source = newest.file;
  }
  try {
    const outcome = await holdingDataDirectory(dirname(target.database), () => restoreSnapshot({ source, database: target.database, now: Date.now() }));
    io.stdout(JSON.stringify(outcome, null, 2));
    return 0;
  } catch (error) {
    if (error instanceof DataDirectoryInUseError) return refuseBesideHub(error, io);
    if (error instanceof BackupError) {
      io.stderr(`hearth restore: ${error.message}`);
      return 1;
    }
    throw error;
  }
};

/** A restore never runs beside a hub: the hub would go on writing to the database it replaced. */
export function refuseBesideHub(error: DataDirectoryInUseError, io: CommandIo): number {
  io.stderr(`hearth restore: a hub is running on ${error.dataDir} (${error.holder}): stop it first (sudo systemctl stop hearth)`);
  return 1;
}

/**
 * `restore` serves both ways back: a snapshot on the box (`restore <file|latest>`, `--list`) and,
 * with no snapshot named or with a relay option, the sealed backup on the cloud relay.
 */
export const restoreCommand: Command = async (args, io) => {
  let local: boolean;
  try {
    const parsed = parseArgs(args, LOCAL_OPTIONS, ['list']);
    local = parsed.options.has('list') || parsed.positional.length > 0;
  } catch {
    // An option only the relay's restore knows (--relay, --passphrase-file…).
    local = false;
  }
  if (local) return localRestoreCommand(args, io);
  const relay = (await import('../cli/commands/restore.js')).restoreCommand;
  return relay(args, io);
};
