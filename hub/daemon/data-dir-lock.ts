import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreDirectoryError } from '../store/index.js';

/** The lock itself: an SQLite database that never holds a row. */
export const LOCK_FILE = 'hearth.lock';
/** The holder's process id, written once the lock is held, so that a refused hub can name it. */
export const PID_FILE = 'hearth.pid';

/** Another process holds the data directory. */
export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: string,
  ) {
    super(`another hub is running on ${dataDir} (${holder}); stop it first, or give this one its own data directory`);
    this.name = 'DataDirectoryInUseError';
  }
}

/**
 * One hub per data directory. Two hubs on one database would each believe their own queue, counters
 * and schedules; the second would even move the first one's database aside if its integrity check
 * caught a write half-way.
 *
 * The lock is an exclusive lock that SQLite takes on `hearth.lock` (POSIX record locks, which SQLite
 * uses on every Unix): the kernel holds it for the process and drops it the moment the process ends,
 * however it ends, so a hub killed with SIGKILL or by a power cut leaves nothing to clean up, and a
 * process id reused after a reboot cannot keep a new hub out, as it could with a pid file checked
 * for staleness. The hub holds it while it runs, and so do the commands that replace the database
 * while the hub is stopped (`restore`), so that neither starts under the other; `stats`, `backup`,
 * `relay` and `mqtt-user` read or write hearth.db beside a running hub as before.
 */
export class DataDirectoryLock {
  private db: Database.Database | undefined;

  constructor(private readonly dataDir: string) {}

  /** Takes the lock, or throws DataDirectoryInUseError naming the holder. */
  acquire(): void {
    if (this.db !== undefined) return;
    try {
      mkdirSync(this.dataDir, { recursive: true });
    } catch (error) {
      throw new StoreDirectoryError(this.dataDir, error);
    }
    let db: Database.Database;
    try {
      db = new Database(join(this.dataDir, LOCK_FILE), { timeout: 0 });
    } catch (error) {
      throw new StoreDirectoryError(this.dataDir, error);
    }
    try {
      // In EXCLUSIVE locking mode the lock a transaction takes is kept until the connection closes.
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
      db.exec('COMMIT');
    } catch (error) {
      db.close();
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw new DataDirectoryInUseError(this.dataDir, this.holder());
      throw error;
    }
    this.db = db;
    const pidFile = join(this.dataDir, PID_FILE);
    writeFileSync(`${pidFile}.tmp`, `${process.pid}\n`);
    renameSync(`${pidFile}.tmp`, pidFile);
  }

  release(): void {
    if (this.db === undefined) return;
    // The pid file goes first: once the lock is free, another hub may write its own.
    rmSync(join(this.dataDir, PID_FILE), { force: true });
    this.db.close();
    this.db = undefined;
  }

  /** The holder as a person would look for it: its process id and command, when they can be read. */
  private holder(): string {
    let pid: number;
    try {
      pid = Number.parseInt(readFileSync(join(this.dataDir, PID_FILE), 'utf8'), 10);
    } catch {
      return 'its process id is not known yet';
    }
    if (!Number.isSafeInteger(pid) || pid <= 0 || !alive(pid)) return 'its process id is not known yet';
    if (pid === process.pid) return `pid ${pid}, this process`;
    const command = commandLine(pid);
    return command === undefined ? `pid ${pid}` : `pid ${pid}: ${command}`;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/** The process's command line (Linux), at most a line's worth of it. */
function commandLine(pid: number): string | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((part) => part !== '').join(' ');
    return text === '' ? undefined : text.length > 160 ? `${text.slice(0, 157)}...` : text;
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` holding the data directory, for a command that must not run beside a hub (nor have one
 * start under it). Throws DataDirectoryInUseError, before `work` begins, while a hub holds it.
 */
export async function holdingDataDirectory<T>(dataDir: string, work: () => Promise<T> | T): Promise<T> {
  const lock = new DataDirectoryLock(dataDir);
  lock.acquire();
  try {
    return await work();
  } finally {
    lock.release();
  }
}
