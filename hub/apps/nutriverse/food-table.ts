/**
 * The food composition table (data/food, USDA SR28) in a SQLite file of its own beside the
 * household's database, with an FTS5 index of names and food groups for search as you type. It is
 * reference data, rebuilt from the shipped file when that changes and never backed up; built into
 * a new file and renamed into place, so a process killed halfway leaves the old table or none.
 */
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';

export const FOOD_NUTRIENTS = ['kcal', 'protein_g', 'fat_g', 'carbs_g', 'sugars_g', 'fiber_g', 'sodium_mg', 'water_g', 'caffeine_mg', 'alcohol_g'] as const;
export type FoodNutrient = (typeof FOOD_NUTRIENTS)[number];

export interface Food {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /** Per 100 g; null where the table has no value (not zero). */
  readonly per100g: Readonly<Record<FoodNutrient, number | null>>;
  /** Household measures, the table's first one first. */
  readonly portions: readonly { readonly description: string; readonly grams: number }[];
}

interface ShippedTable {
  readonly columns: readonly string[];
  readonly foods: readonly (readonly unknown[])[];
}

interface FoodRow {
  id: string;
  name: string;
  category: string;
  portions: string;
  [nutrient: string]: string | number | null;
}

const EXPECTED_COLUMNS = ['id', 'name', 'category', ...FOOD_NUTRIENTS, 'portions'];

export class FoodTableError extends Error {
  override readonly name = 'FoodTableError';
}

/** Reads the shipped file; a damaged or foreign one is refused with what is wrong. */
export function readShippedTable(path: string, bytes: Buffer = readFileSync(path)): ShippedTable {
  let table: ShippedTable;
  try {
    table = JSON.parse(gunzipSync(bytes).toString('utf8')) as ShippedTable;
  } catch (error) {
    throw new FoodTableError(`the food table ${path} cannot be read: ${(error as Error).message}`);
  }
  if (!Array.isArray(table.foods) || JSON.stringify(table.columns) !== JSON.stringify(EXPECTED_COLUMNS)) {
    throw new FoodTableError(`the food table ${path} is not one this hub knows (expected the columns ${EXPECTED_COLUMNS.join(', ')})`);
  }
  return table;
}

function build(path: string, table: ShippedTable, version: string): void {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = OFF');
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE food (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        ${FOOD_NUTRIENTS.map((n) => `${n} REAL`).join(', ')},
        portions TEXT NOT NULL
      ) STRICT;
      CREATE VIRTUAL TABLE food_fts USING fts5(name, category, content = 'food', content_rowid = 'rowid', tokenize = 'porter unicode61 remove_diacritics 2');
    `);
    const insert = db.prepare(`INSERT INTO food (id, name, category, ${FOOD_NUTRIENTS.join(', ')}, portions) VALUES (${EXPECTED_COLUMNS.map(() => '?').join(', ')})`);
    db.transaction(() => {
      for (const row of table.foods) {
        const portions = (row[row.length - 1] as [string, number | null][]).filter(([, grams]) => grams !== null && grams > 0).map(([description, grams]) => ({ description, grams }));
        insert.run(...row.slice(0, -1), JSON.stringify(portions));
      }
      db.exec("INSERT INTO food_fts (food_fts) VALUES ('rebuild')");
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('version', version);
    })();
  } finally {
    db.close();
  }
}

function versionOf(path: string): string | undefined {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'version'").get()?.value;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

export class FoodTable {
  private readonly db: Database.Database;
  private searchStatement!: Database.Statement<{ match: string; first: string; limit: number }, FoodRow>;
  private byId!: Database.Statement<[string], FoodRow>;
  private count = 0;

  private constructor(path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      this.prepare();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  private prepare(): void {
    const columns = `f.id, f.name, f.category, ${FOOD_NUTRIENTS.map((n) => `f.${n}`).join(', ')}, f.portions`;
    // Names whose first word is the first word typed ("Egg, whole" for "egg"), then names that begin
    // with it ("Eggnog"), then the rest; in each, the shorter (plainer) food first, then FTS5's rank
    // with a name worth ten food groups.
    this.searchStatement = this.db.prepare<{ match: string; first: string; limit: number }, FoodRow>(`
      SELECT ${columns} FROM food_fts JOIN food f ON f.rowid = food_fts.rowid
      WHERE food_fts MATCH :match
      ORDER BY
        CASE
          WHEN lower(f.name) = :first OR lower(f.name) LIKE :first || ',%' OR lower(f.name) LIKE :first || 's,%' OR lower(f.name) LIKE :first || ' %' THEN 0
          WHEN lower(f.name) LIKE :first || '%' THEN 1
          ELSE 2
        END,
        length(f.name), bm25(food_fts, 10.0, 1.0)
      LIMIT :limit`);
    this.byId = this.db.prepare<[string], FoodRow>(`SELECT ${columns} FROM food f WHERE f.id = ?`);
    this.count = this.db.prepare<[], number>('SELECT count(*) FROM food').pluck().get() ?? 0;
  }

  /**
   * The table at `path`, built first from the shipped file when it is missing or of another
   * version. Returns whether it was built, for the log.
   */
  static open(path: string, shippedFile: string): { table: FoodTable; built: boolean; problem?: string } {
    // The shipped file's own hash names the version: checking it costs a read, not a parse.
    let bytes: Buffer;
    try {
      bytes = readFileSync(shippedFile);
    } catch (error) {
      throw new FoodTableError(`the food table ${shippedFile} cannot be read: ${(error as Error).message}`);
    }
    const version = createHash('sha256').update(bytes).digest('hex');
    if (existsSync(path) && versionOf(path) === version) {
      try {
        return { table: new FoodTable(path), built: false };
      } catch {
        // Damaged beyond its version mark: built again below.
      }
    }
    const fresh = `${path}.new`;
    rmSync(fresh, { force: true });
    try {
      build(fresh, readShippedTable(shippedFile, bytes), version);
    } catch (error) {
      rmSync(fresh, { force: true });
      // A damaged update keeps the table there was, said as a problem.
      if (versionOf(path) === undefined) throw error;
      return { table: new FoodTable(path), built: false, problem: (error as Error).message };
    }
    renameSync(fresh, path);
    return { table: new FoodTable(path), built: true };
  }

  get size(): number {
    return this.count;
  }

  /** At most `limit` foods matching an FTS5 expression (see food-query.ts); `firstWord` ranks names that begin with it first. */
  search(match: string, firstWord: string, limit: number): Food[] {
    return this.searchStatement.all({ match, first: firstWord.replace(/[%_]/g, ''), limit }).map(foodOf);
  }

  food(id: string): Food | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : foodOf(row);
  }

  close(): void {
    this.db.close();
  }
}

function foodOf(row: FoodRow): Food {
  const per100g = Object.fromEntries(FOOD_NUTRIENTS.map((n) => [n, row[n] as number | null])) as Record<FoodNutrient, number | null>;
  return { id: row.id, name: row.name, category: row.category, per100g, portions: JSON.parse(row.portions) as Food['portions'] };
}
