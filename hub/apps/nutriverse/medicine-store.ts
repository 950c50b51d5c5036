/** NutriVerse's medicines: each person's medicines with their schedules, and each dose recorded. */
import type { Db, MigrationStep } from '../../store/index.js';
import type { DoseRecord, DoseRecordStatus, Medicine } from './medicine-schedule.js';

export const medicineMigration: MigrationStep = (db) =>
  db.exec(`
    CREATE TABLE nutriverse_medicine (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      name TEXT NOT NULL,
      dose TEXT NOT NULL,
      times TEXT NOT NULL,
      important INTEGER NOT NULL,
      created INTEGER NOT NULL,
      stopped INTEGER
    ) STRICT;
    CREATE INDEX nutriverse_medicine_by_person ON nutriverse_medicine (person_id);
    CREATE TABLE nutriverse_dose (
      medicine_id TEXT NOT NULL REFERENCES nutriverse_medicine (id) ON DELETE CASCADE,
      date TEXT NOT NULL,
      time TEXT NOT NULL,
      status TEXT NOT NULL,
      at INTEGER NOT NULL,
      PRIMARY KEY (medicine_id, date, time)
    ) STRICT;
  `);

interface MedicineRow {
  id: string;
  person_id: string;
  name: string;
  dose: string;
  times: string;
  important: number;
  created: number;
  stopped: number | null;
}

interface DoseRow {
  medicine_id: string;
  date: string;
  time: string;
  status: string;
  at: number;
}

function medicineOf(row: MedicineRow): Medicine {
  return { id: row.id, personId: row.person_id, name: row.name, dose: row.dose, times: JSON.parse(row.times) as string[], important: row.important === 1, created: row.created, stopped: row.stopped };
}

function recordOf(row: DoseRow): DoseRecord {
  return { medicineId: row.medicine_id, date: row.date, time: row.time, status: row.status as DoseRecordStatus, at: row.at };
}

export class MedicineStore {
  private readonly byId;
  private readonly ofPerson;
  private readonly peopleWithMedicines;
  private readonly insert;
  private readonly update;
  private readonly stopOne;
  private readonly recordsFrom;
  private readonly recordOne;
  private readonly upsertRecord;
  private readonly deleteRecord;
  private readonly countPeople;
  private readonly deletePeople;

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[string], MedicineRow>('SELECT * FROM nutriverse_medicine WHERE id = ?');
    this.ofPerson = db.prepare<[string], MedicineRow>('SELECT * FROM nutriverse_medicine WHERE person_id = ? ORDER BY created, id');
    this.peopleWithMedicines = db.prepare<[], string>('SELECT DISTINCT person_id FROM nutriverse_medicine WHERE stopped IS NULL').pluck();
    this.insert = db.prepare<[string, string, string, string, string, number, number]>(
      'INSERT INTO nutriverse_medicine (id, person_id, name, dose, times, important, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.update = db.prepare<[string, string, string, number, string]>('UPDATE nutriverse_medicine SET name = ?, dose = ?, times = ?, important = ? WHERE id = ?');
    this.stopOne = db.prepare<[number, string]>('UPDATE nutriverse_medicine SET stopped = ? WHERE id = ? AND stopped IS NULL');
    this.recordsFrom = db.prepare<[string, string, string], DoseRow>(
      'SELECT d.* FROM nutriverse_dose d JOIN nutriverse_medicine m ON m.id = d.medicine_id WHERE m.person_id = ? AND d.date >= ? AND d.date <= ?',
    );
    this.recordOne = db.prepare<[string, string, string], DoseRow>('SELECT * FROM nutriverse_dose WHERE medicine_id = ? AND date = ? AND time = ?');
    this.upsertRecord = db.prepare<[string, string, string, string, number]>(
      'INSERT INTO nutriverse_dose (medicine_id, date, time, status, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (medicine_id, date, time) DO UPDATE SET status = excluded.status, at = excluded.at',
    );
    this.deleteRecord = db.prepare<[string, string, string]>('DELETE FROM nutriverse_dose WHERE medicine_id = ? AND date = ? AND time = ?');
    const PEOPLE = 'person_id IN (SELECT value FROM json_each(?))';
    this.countPeople = db.prepare<[string], number>(`SELECT count(*) FROM nutriverse_medicine WHERE ${PEOPLE}`).pluck();
    this.deletePeople = db.prepare<[string]>(`DELETE FROM nutriverse_medicine WHERE ${PEOPLE}`);
  }

  get(id: string): Medicine | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : medicineOf(row);
  }

  /** The person's medicines, stopped ones too, oldest first. */
  of(personId: string): Medicine[] {
    return this.ofPerson.all(personId).map(medicineOf);
  }

  /** Everyone taking a medicine now. */
  people(): string[] {
    return this.peopleWithMedicines.all();
  }

  add(medicine: Medicine): void {
    this.insert.run(medicine.id, medicine.personId, medicine.name, medicine.dose, JSON.stringify(medicine.times), medicine.important ? 1 : 0, medicine.created);
  }

  change(medicine: Medicine): void {
    this.update.run(medicine.name, medicine.dose, JSON.stringify(medicine.times), medicine.important ? 1 : 0, medicine.id);
  }

  stop(id: string, at: number): boolean {
    return this.stopOne.run(at, id).changes > 0;
  }

  /** Stops one medicine and adds the one that goes on from it, both or neither. */
  replace(id: string, at: number, next: Medicine): void {
    this.db.transaction(() => {
      this.stop(id, at);
      this.add(next);
    })();
  }

  /** The person's recorded doses of dates from `from` to `to`, both included. */
  records(personId: string, from: string, to: string): DoseRecord[] {
    return this.recordsFrom.all(personId, from, to).map(recordOf);
  }

  record(medicineId: string, date: string, time: string): DoseRecord | undefined {
    const row = this.recordOne.get(medicineId, date, time);
    return row === undefined ? undefined : recordOf(row);
  }

  setRecord(record: DoseRecord): void {
    this.upsertRecord.run(record.medicineId, record.date, record.time, record.status, record.at);
  }

  clearRecord(medicineId: string, date: string, time: string): void {
    this.deleteRecord.run(medicineId, date, time);
  }

  countOf(personIds: readonly string[]): number {
    return this.countPeople.get(JSON.stringify(personIds)) ?? 0;
  }

  /** Deletes their medicines, and with them (ON DELETE CASCADE) every dose recorded. */
  removePeople(personIds: readonly string[]): number {
    return this.deletePeople.run(JSON.stringify(personIds)).changes;
  }
}
