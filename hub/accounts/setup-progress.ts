import type { Clock } from '../../core/clock.js';
import type { Db } from '../store/index.js';

/** The first-run setup's steps, in order: the household's people, time zone, units, the demo household, devices. */
export const SETUP_STEPS = ['people', 'time-zone', 'units', 'demo', 'devices'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/**
 * Where the owner is in the first-run setup. `not_started` on a hub whose owner was made before
 * the setup existed, or over the API: only the dashboard's first run begins it.
 */
export type SetupProgress =
  | { readonly state: 'not_started' }
  | { readonly state: 'in_progress' | 'done'; readonly step: SetupStep; readonly updatedAt: number };

const isStep = (text: string): text is SetupStep => (SETUP_STEPS as readonly string[]).includes(text);

/** Kept on the hub, so a reload (or another of the owner's browsers) takes up the same step. */
export class SetupProgressStore {
  private readonly select;
  private readonly upsert;

  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.select = db.prepare<[], { step: string; done: number; updated_at: number }>('SELECT step, done, updated_at FROM setup_progress WHERE id = 1');
    this.upsert = db.prepare<[string, number, number]>(
      'INSERT INTO setup_progress (id, step, done, updated_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET step = excluded.step, done = excluded.done, updated_at = excluded.updated_at',
    );
  }

  read(): SetupProgress {
    const row = this.select.get();
    // A step a later version dropped starts the setup from its first step rather than nowhere.
    if (row === undefined) return { state: 'not_started' };
    return { state: row.done === 1 ? 'done' : 'in_progress', step: isStep(row.step) ? row.step : SETUP_STEPS[0], updatedAt: row.updated_at };
  }

  /** The owner is on `step` (begun, moved on or back), or finished there. */
  write(step: SetupStep, done: boolean): SetupProgress {
    this.upsert.run(step, done ? 1 : 0, this.clock.now());
    return this.read();
  }
}
