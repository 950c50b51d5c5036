/** NutriVerse's own table: each person's food and drink journal. */
import type { Db, MigrationStep } from '../../store/index.js';
import type { EntryNutrients, JournalEntry, Meal } from './journal-entry.js';
import { medicineMigration } from './medicine-store.js';

export const NUTRIVERSE_SCHEMA_PART = 'nutriverse';

export const nutriverseMigrations: readonly MigrationStep[] = [
  (db) =>
    db.exec(`
      CREATE TABLE nutriverse_entry (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL,
        ts INTEGER NOT NULL,
        meal TEXT NOT NULL,
        food_id TEXT NOT NULL,
        name TEXT NOT NULL,
        portion TEXT,
        grams REAL NOT NULL,
        count REAL NOT NULL,
        nutrients TEXT NOT NULL,
        created INTEGER NOT NULL,
        -- taken back at: the row stays, so that its id and its millisecond are never used again
        removed INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX nutriverse_entry_time ON nutriverse_entry (person_id, ts);
    `),
  medicineMigration,
];

interface EntryRow {
  id: string;
  person_id: string;
  ts: number;
  meal: string;
  food_id: string;
  name: string;
  portion: string | null;
  grams: number;
  count: number;
  nutrients: string;
  removed: number | null;
}

interface RecentRow {
  food_id: string;
  name: string;
  portion: string | null;
  grams: number;
  meal: string;
  last: number;
}

export interface RecentFood {
  readonly foodId: string;
  readonly name: string;
  readonly portion: string | null;
  readonly grams: number;
  readonly meal: Meal;
  /** When it was last written down. */
  readonly last: number;
}

export interface StoredEntry extends JournalEntry {
  readonly removed: boolean;
}

function entryOf(row: EntryRow): StoredEntry {
  return {
    id: row.id,
    personId: row.person_id,
    ts: row.ts,
    meal: row.meal as Meal,
    foodId: row.food_id,
    name: row.name,
    portion: row.portion,
    grams: row.grams,
    count: row.count,
    nutrients: JSON.parse(row.nutrients) as EntryNutrients,
    removed: row.removed !== null,
  };
}

export class FoodJournalStore {
  private readonly byId;
  private readonly inRange;
  private readonly countInRange;
  private readonly taken;
  private readonly insert;
  private readonly markRemoved;
  private readonly recentFoods;
  private readonly countPeople;
  private readonly deletePeople;

  constructor(db: Db) {
    this.byId = db.prepare<[string], EntryRow>('SELECT * FROM nutriverse_entry WHERE id = ?');
    this.inRange = db.prepare<[string, number, number], EntryRow>('SELECT * FROM nutriverse_entry WHERE person_id = ? AND ts >= ? AND ts < ? AND removed IS NULL ORDER BY ts');
    this.countInRange = db.prepare<[string, number, number], number>('SELECT count(*) FROM nutriverse_entry WHERE person_id = ? AND ts >= ? AND ts < ? AND removed IS NULL').pluck();
    this.taken = db.prepare<[string, number], number>('SELECT count(*) FROM nutriverse_entry WHERE person_id = ? AND ts = ?').pluck();
    this.insert = db.prepare<[string, string, number, string, string, string, string | null, number, number, string, number]>(
      'INSERT INTO nutriverse_entry (id, person_id, ts, meal, food_id, name, portion, grams, count, nutrients, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.markRemoved = db.prepare<[number, string]>('UPDATE nutriverse_entry SET removed = ? WHERE id = ? AND removed IS NULL');
    // SQLite takes the other columns from the row of the max(): each food as it was last written.
    this.recentFoods = db.prepare<[string, number], RecentRow>(
      'SELECT food_id, name, portion, grams, meal, max(ts) AS last FROM nutriverse_entry WHERE person_id = ? AND removed IS NULL GROUP BY food_id ORDER BY last DESC LIMIT ?',
    );
    this.countPeople = db.prepare<[string], number>('SELECT count(*) FROM nutriverse_entry WHERE person_id IN (SELECT value FROM json_each(?))').pluck();
    this.deletePeople = db.prepare<[string]>('DELETE FROM nutriverse_entry WHERE person_id IN (SELECT value FROM json_each(?))');
  }

  get(id: string): StoredEntry | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : entryOf(row);
  }

  /** The person's entries in [from, to), oldest first, without those taken back. */
  between(personId: string, from: number, to: number): StoredEntry[] {
    return this.inRange.all(personId, from, to).map(entryOf);
  }

  countBetween(personId: string, from: number, to: number): number {
    return this.countInRange.get(personId, from, to) ?? 0;
  }

  /** The first millisecond from `ts` on that none of the person's entries (nor any taken back) has. */
  freeTime(personId: string, ts: number): number {
    let t = ts;
    while ((this.taken.get(personId, t) ?? 0) > 0) t++;
    return t;
  }

  add(entry: JournalEntry, created: number): void {
    this.insert.run(entry.id, entry.personId, entry.ts, entry.meal, entry.foodId, entry.name, entry.portion, entry.grams, entry.count, JSON.stringify(entry.nutrients), created);
  }

  /** True when the entry was there to take back. */
  remove(id: string, at: number): boolean {
    return this.markRemoved.run(at, id).changes > 0;
  }

  /** The foods the person wrote down last, each once, with the portion and meal it was last written with. */
  recent(personId: string, limit: number): RecentFood[] {
    return this.recentFoods.all(personId, limit).map((r) => ({ foodId: r.food_id, name: r.name, portion: r.portion, grams: r.grams, meal: r.meal as Meal, last: r.last }));
  }

  countOf(personIds: readonly string[]): number {
    return this.countPeople.get(JSON.stringify(personIds)) ?? 0;
  }

  removePeople(personIds: readonly string[]): number {
    return this.deletePeople.run(JSON.stringify(personIds)).changes;
  }
}
