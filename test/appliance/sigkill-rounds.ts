import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Test } from 'tap';

const TARGET = fileURLToPath(new URL('./heavy-ingest-hub.js', import.meta.url));

/**
 * Kills a hub under heavy ingest with SIGKILL `rounds` times over one data directory, at a random
 * moment after its first commits. Each time the database must open and pass its integrity check,
 * and hold everything the hub had reported committed: at most the readings of the last flush
 * interval (never committed) may be missing.
 */
export async function killRounds(t: Test, rounds: number): Promise<void> {
  // A round is a hub start, some commits and a kill: seconds when the box is quiet, up to a minute
  // on a busy two-core one. The file's time limit is only a guard against a hang.
  t.setTimeout(rounds * 60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-sigkill-'));
  let before = 0;
  for (let round = 1; round <= rounds; round++) {
    const child = spawn(process.execPath, [TARGET, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let committed = 0;
    let errors = '';
    const killAfter = 2 + Math.floor(Math.random() * 8);
    let flushesSeen = 0;
    child.stderr.on('data', (c: Buffer) => (errors += c.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/committed (\d+)/g)) {
        committed = Number(match[1]);
        if (++flushesSeen === killAfter) child.kill('SIGKILL');
      }
    });
    const signal = await exited;
    if (signal !== 'SIGKILL') {
      t.fail(`round ${round}: the hub exited on its own (${String(signal)}): ${errors}`);
      return;
    }
    const db = new Database(join(dataDir, 'hearth.db'), { fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    const stored = db.prepare('SELECT COUNT(*) FROM sample').pluck().get() as number;
    db.close();
    if (check !== 'ok' || stored < before + committed) {
      t.fail(`round ${round}: integrity ${String(check)}, ${stored} stored, ${before} before + ${committed} reported committed`);
      return;
    }
    before = stored;
  }
  t.pass(`${rounds} kills: the database opened cleanly each time and held every reported commit (${before} readings)`);
}
