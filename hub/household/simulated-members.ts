import type { Database } from 'better-sqlite3';

export interface SimulatedIds {
  readonly personIds: readonly string[];
  readonly deviceIds: readonly string[];
}

/**
 * Which people and devices belong to the simulated household, and whether the household removed
 * it. The simulation notes its own as it sets them up, so removing it takes exactly those, whatever
 * ids the household's real people and devices were given.
 */
export class SimulatedMembers {
  private readonly insert;
  private readonly selectAll;
  private readonly deleteAll;
  private readonly selectRemoved;
  private readonly insertRemoved;

  constructor(db: Database) {
    this.insert = db.prepare<[string, string]>('INSERT OR IGNORE INTO simulated_member (kind, id) VALUES (?, ?)');
    this.selectAll = db.prepare<[], { kind: 'person' | 'device'; id: string }>('SELECT kind, id FROM simulated_member ORDER BY kind, id');
    this.deleteAll = db.prepare('DELETE FROM simulated_member');
    this.selectRemoved = db.prepare<[], number>('SELECT removed_at FROM simulation_removal WHERE id = 1').pluck();
    this.insertRemoved = db.prepare<[number]>('INSERT OR IGNORE INTO simulation_removal (id, removed_at) VALUES (1, ?)');
  }

  note(ids: SimulatedIds): void {
    for (const id of ids.personIds) this.insert.run('person', id);
    for (const id of ids.deviceIds) this.insert.run('device', id);
  }

  /** Everyone and everything the simulation ever noted, whether still in the household or not. */
  all(): SimulatedIds {
    const rows = this.selectAll.all();
    return { personIds: rows.filter((r) => r.kind === 'person').map((r) => r.id), deviceIds: rows.filter((r) => r.kind === 'device').map((r) => r.id) };
  }

  /** When the household removed the simulated household; undefined while it has not. */
  removedAt(): number | undefined {
    return this.selectRemoved.get();
  }

  /** Inside the removal's transaction: the members are gone, and the simulation is not to start again. */
  noteRemoved(now: number): void {
    this.deleteAll.run();
    this.insertRemoved.run(now);
  }
}
