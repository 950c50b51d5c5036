import t from 'tap';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../hub/store/database.js';
import { migrate } from '../../hub/store/migrations.js';
import { StoreQuery } from '../../hub/store/query.js';
import { STORE_MIGRATIONS, STORE_PART } from '../../hub/store/schema.js';
import { tempDir } from './helpers/temp-store.js';

const STREAM_BASE_TS = Date.UTC(2025, 5, 1);
const CHILD = fileURLToPath(new URL('./fixtures/stream-writer.js', import.meta.url));
const RUNS = 5;

interface Committed {
  readings: number;
  blocks: number;
}

/** Runs the streaming child until it has confirmed `confirmations` commits, then SIGKILLs it. */
async function streamAndKill(dbPath: string, deviceId: string, confirmations: number, extraDelayMs: number): Promise<Committed> {
  const child = spawn(process.execPath, [CHILD, dbPath, deviceId], { stdio: ['ignore', 'pipe', 'inherit'] });
  let last: Committed = { readings: 0, blocks: 0 };
  let seen = 0;
  let buffered = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^committed (\d+) (\d+)$/.exec(line);
      if (match === null) continue;
      last = { readings: Number(match[1]), blocks: Number(match[2]) };
      seen++;
      // Kill at an arbitrary moment after the n-th confirmation, usually while a batch is being written.
      if (seen === confirmations) setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
    }
  });
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`the writer exited on its own (signal ${String(signal)}) before it was killed`);
  return last;
}

t.test('SIGKILL while readings stream in loses at most the unconfirmed flush and leaves a sound file', async (t) => {
  const dbPath = join(tempDir(t), 'var', 'hearth.db');
  for (let run = 0; run < RUNS; run++) {
    const deviceId = `strap-${run}`;
    const confirmed = await streamAndKill(dbPath, deviceId, 3 + run * 2, run * 7);
    t.ok(confirmed.readings > 0, `run ${run}: the child confirmed commits before it was killed`);

    // openDatabase runs quick_check and, with 'fail', throws if the file is damaged.
    const db = openDatabase(dbPath, { onCorrupt: 'fail' });
    try {
      t.same(migrate(db, STORE_PART, STORE_MIGRATIONS), { part: STORE_PART, from: STORE_MIGRATIONS.length, to: STORE_MIGRATIONS.length }, 'the schema is intact');
      const series = db.prepare<[string, string], { id: number }>('SELECT id FROM series WHERE device_id = ? AND metric = ?');
      const hr = series.get(deviceId, 'heart_rate')?.id ?? -1;
      const rows = db.prepare<[number], { n: number; first: number; last: number }>('SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM sample WHERE series_id = ?').get(hr);
      t.ok(rows !== undefined && rows.n >= confirmed.readings, `run ${run}: all ${confirmed.readings} confirmed readings are there (found ${rows?.n})`);
      t.equal(rows?.first, STREAM_BASE_TS, 'from the first reading');
      t.equal(rows?.last, STREAM_BASE_TS + (rows?.n ?? 0) - 1, 'with no hole: whole flushes only');
      const rolled = db.prepare<[number], { n: number }>('SELECT sum(count) AS n FROM rollup WHERE series_id = ? AND resolution = 86400').get(hr)?.n;
      t.equal(rolled, rows?.n, 'rollups committed together with their readings');

      const blocks = new StoreQuery(db, dbPath).readWaveform({ metric: 'pleth', deviceId, from: STREAM_BASE_TS, to: STREAM_BASE_TS + 86_400_000 });
      t.ok(blocks.length >= confirmed.blocks, `run ${run}: all ${confirmed.blocks} confirmed waveform blocks are there (found ${blocks.length})`);
      t.ok(blocks.every((b, k) => b.t0 === STREAM_BASE_TS + k * 1000 && b.samples.length === 75), 'every block is whole and in sequence');
    } finally {
      db.close();
    }
  }
});
