import t from 'tap';
import { readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../../core/clock.js';
import { openDatabase } from '../../hub/store/database.js';
import { StoreCorruptError, StoreDirectoryError } from '../../hub/store/errors.js';
import { Store } from '../../hub/store/store.js';
import { tempDir } from './helpers/temp-store.js';

const GARBAGE = Buffer.from('this is not an SQLite database, it is a shopping list: '.repeat(200));

function collectingLogger() {
  const errors: { obj: object; msg: string | undefined }[] = [];
  const ignore = (): void => undefined;
  return { errors, logger: { info: ignore, warn: ignore, debug: ignore, error: (obj: object, msg?: string) => errors.push({ obj, msg }) } };
}

t.test('a new file is created in a new directory, in WAL mode with synchronous NORMAL', async (t) => {
  const path = join(tempDir(t), 'nested', 'data', 'hearth.db');
  const db = openDatabase(path, { onCorrupt: 'fail' });
  t.teardown(() => db.close());
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  t.equal(db.pragma('synchronous', { simple: true }), 1, 'NORMAL');
  t.equal(db.pragma('foreign_keys', { simple: true }), 1);
});

t.test('a garbage file is refused with a message that says what to do, and left untouched', async (t) => {
  const path = join(tempDir(t), 'hearth.db');
  writeFileSync(path, GARBAGE);
  t.throws(() => openDatabase(path, { onCorrupt: 'fail' }), StoreCorruptError);
  try {
    openDatabase(path, { onCorrupt: 'fail' });
  } catch (error) {
    t.match((error as Error).message, path, 'names the file');
    t.match((error as Error).message, /move-aside/, 'names the way out');
  }
  t.same(readFileSync(path), GARBAGE);
});

t.test('with move-aside, a damaged file is kept under a new name and the store starts fresh', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'hearth.db');
  writeFileSync(path, GARBAGE);
  writeFileSync(`${path}-wal`, 'wal bytes');
  const { errors, logger } = collectingLogger();
  const clock = new ManualClock(Date.UTC(2025, 3, 2, 10, 20, 30));
  const store = new Store({ path, onCorrupt: 'move-aside', logger, clock });
  await store.start();
  t.teardown(() => store.stop());
  store.writer.write({ metric: 'heart_rate', unit: 'bpm', value: 60, ts: clock.now(), deviceId: 'd', tsSource: 'hub' });
  store.writer.flush();
  t.equal(store.query.stats().readings, 1, 'the fresh store works');
  const kept = 'hearth.db.damaged-2025-04-02T10-20-30-000Z';
  t.ok(readdirSync(dir).includes(kept));
  t.same(readFileSync(join(dir, kept)), GARBAGE, 'the damaged file is kept as it was');
  t.equal(readFileSync(join(dir, `${kept}-wal`), 'utf8'), 'wal bytes', 'with its write-ahead log beside it');
  t.equal(errors.length, 1, 'the move is logged once');
  t.match(errors[0]?.obj, { keptAs: join(dir, kept) }, 'the log says where the damaged file is');
});

t.test('a database whose pages were overwritten fails quick_check and is handled', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'hearth.db');
  const store = new Store({ path });
  await store.start();
  for (let i = 0; i < 20_000; i++) store.writer.write({ metric: 'heart_rate', unit: 'bpm', value: 50 + (i % 50), ts: 1e12 + i * 1000, deviceId: 'd', tsSource: 'device' });
  await store.stop();
  // Scribble over the middle of the file, past the header, where B-tree pages live.
  const bytes = readFileSync(path);
  bytes.fill(0x5a, 8192, 8192 + 4096 * 3);
  writeFileSync(path, bytes);
  t.throws(() => openDatabase(path, { onCorrupt: 'fail' }), StoreCorruptError);
  const db = openDatabase(path, { onCorrupt: 'move-aside' });
  t.teardown(() => db.close());
  t.equal((db.pragma('quick_check') as { quick_check: string }[])[0]?.quick_check, 'ok');
  t.ok(readdirSync(dir).some((name) => name.startsWith('hearth.db.damaged-')));
});

t.test('a data directory that cannot be created gives an error naming it', async (t) => {
  // A file where a directory should be: fails for every user, root included.
  const blocker = join(tempDir(t), 'not-a-directory');
  writeFileSync(blocker, '');
  const directory = join(blocker, 'data');
  const error = t.throws(() => openDatabase(join(directory, 'hearth.db'), { onCorrupt: 'fail' }));
  t.type(error, StoreDirectoryError);
  t.match((error as Error).message, directory);
  t.match((error as Error).message, /HEARTH_DATA_DIR/);
});
