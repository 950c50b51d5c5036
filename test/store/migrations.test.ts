import t from 'tap';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../hub/store/database.js';
import { migrate, type MigrationStep } from '../../hub/store/migrations.js';
import { STORE_MIGRATIONS, STORE_PART } from '../../hub/store/schema.js';
import { tempDir } from './helpers/temp-store.js';

function open(t: Parameters<typeof tempDir>[0]): { path: string; reopen: () => Db } {
  const path = join(tempDir(t), 'hearth.db');
  return {
    path,
    reopen: () => {
      const db = openDatabase(path, { onCorrupt: 'fail' });
      t.teardown(() => db.open && db.close());
      return db;
    },
  };
}

t.test('steps run once, across restarts, and each part keeps its own version', async (t) => {
  const { reopen } = open(t);
  const runs: string[] = [];
  const people: MigrationStep[] = [
    (db) => {
      runs.push('people 1');
      db.exec('CREATE TABLE person (id TEXT PRIMARY KEY) STRICT');
    },
  ];
  const latest = STORE_MIGRATIONS.length;
  let db = reopen();
  t.same(migrate(db, STORE_PART, STORE_MIGRATIONS), { part: 'store', from: 0, to: latest });
  t.same(migrate(db, 'people', people), { part: 'people', from: 0, to: 1 });
  db.close();

  db = reopen();
  t.same(migrate(db, STORE_PART, STORE_MIGRATIONS), { part: 'store', from: latest, to: latest }, 'nothing to do after a restart');
  people.push((d) => {
    runs.push('people 2');
    d.exec("ALTER TABLE person ADD COLUMN name TEXT NOT NULL DEFAULT ''");
  });
  t.same(migrate(db, 'people', people), { part: 'people', from: 1, to: 2 }, 'only the new step runs');
  t.same(runs, ['people 1', 'people 2']);
  t.same(db.prepare('SELECT part, version FROM schema_version ORDER BY part').all(), [
    { part: 'people', version: 2 },
    { part: 'store', version: latest },
  ]);
});

t.test('a failing step rolls back with its version, so it runs again next time', async (t) => {
  const { reopen } = open(t);
  const db = reopen();
  const broken: MigrationStep[] = [
    (d) => {
      d.exec('CREATE TABLE alert (id INTEGER PRIMARY KEY) STRICT');
      throw new Error('step failed half way');
    },
  ];
  t.throws(() => migrate(db, 'alerts', broken), /half way/);
  t.equal(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'alert'").pluck().get(), 0, 'the half-done step left nothing');
  t.same(migrate(db, 'alerts', [(d) => d.exec('CREATE TABLE alert (id INTEGER PRIMARY KEY) STRICT')]), { part: 'alerts', from: 0, to: 1 });
});

t.test('a database from a newer version is refused rather than misread', async (t) => {
  const { reopen } = open(t);
  const db = reopen();
  migrate(db, 'devices', [() => undefined, () => undefined]);
  t.throws(() => migrate(db, 'devices', [() => undefined]), /newer than this Hearth knows/);
});
