/**
 * The food and drink journal: an entry checked against the food table and its limits, recorded
 * with the readings it becomes (through the ingest gate, all or none), and taken back with them.
 */
import type { Clock } from '../../../core/clock.js';
import { localDate, localDayBounds } from '../../../core/local-day.js';
import type { DerivedReadings } from '../../ingest/derived-readings.js';
import type { FoodJournalView, JournalDay, NewJournalEntry } from '../../services/food-journal-service.js';
import { JournalError } from '../../services/food-journal-service.js';
import type { ReadingWriter } from '../../store/index.js';
import type { FoodJournalStore, StoredEntry } from './food-journal-store.js';
import type { Food } from './food-table.js';
import { DAY_REFERENCES, ENTRY_LIMITS, ENTRY_METRICS, dayTotals, entryNutrients, entryReadings } from './journal-entry.js';

const DAY_MS = 86_400_000;

export interface FoodJournalDeps {
  readonly entries: FoodJournalStore;
  /** The food table's lookup; undefined while it cannot be read. */
  readonly food: (id: string) => Food | undefined;
  readonly readings: DerivedReadings;
  readonly writer: Pick<ReadingWriter, 'removeReadings'>;
  readonly clock: Clock;
  readonly timeZone: () => string;
}

export class FoodJournal implements FoodJournalView {
  constructor(private readonly deps: FoodJournalDeps) {}

  today(): string {
    return localDate(this.deps.clock.now(), this.deps.timeZone());
  }

  day(personId: string, date: string): JournalDay {
    const { start, end } = localDayBounds(date, this.deps.timeZone());
    const entries = this.deps.entries.between(personId, start, end);
    return { personId, date, entries, totals: dayTotals(entries), references: DAY_REFERENCES };
  }

  add(personId: string, draft: NewJournalEntry): { entry: StoredEntry; created: boolean } {
    const { entries, clock } = this.deps;
    const existing = entries.get(draft.id);
    if (existing !== undefined) {
      if (existing.personId !== personId) throw new JournalError(409, 'entry_id_taken', 'that entry id belongs to another entry: send a new one');
      return { entry: existing, created: false };
    }
    const food = this.deps.food(draft.foodId);
    if (food === undefined) throw new JournalError(400, 'food_not_found', `no food ${draft.foodId} in the food table`);
    this.checkLimits(personId, draft, clock.now());
    const nutrients = entryNutrients(food, draft.grams, draft.count);
    const entry: StoredEntry = {
      id: draft.id,
      personId,
      ts: entries.freeTime(personId, draft.ts),
      meal: draft.meal,
      foodId: food.id,
      name: food.name,
      portion: draft.portion,
      grams: draft.grams,
      count: draft.count,
      nutrients,
      removed: false,
    };
    const outcome = this.deps.readings.submit(personId, entryReadings(entry), { take: 'whole', reasons: true });
    if (outcome.refusedWhole === true || outcome.rejected > 0) {
      const why = outcome.refused?.[0];
      throw new JournalError(400, 'entry_refused', `the entry was not recorded: ${why === undefined ? 'the hub refused its readings' : `${why.metric}: ${why.detail}`}`);
    }
    entries.add(entry, clock.now());
    return { entry, created: true };
  }

  remove(personId: string, id: string): boolean {
    const entry = this.deps.entries.get(id);
    if (entry === undefined || entry.personId !== personId || entry.removed) return false;
    const deviceId = this.deps.readings.deviceOf(personId);
    try {
      for (const metric of ENTRY_METRICS) this.deps.writer.removeReadings({ deviceId, metric, personId }, [entry.ts]);
    } catch (error) {
      throw new JournalError(503, 'store_unavailable', (error as Error).message);
    }
    return this.deps.entries.remove(id, this.deps.clock.now());
  }

  private checkLimits(personId: string, draft: NewJournalEntry, now: number): void {
    if (!(draft.grams > 0 && draft.grams <= ENTRY_LIMITS.gramsMax)) throw new JournalError(400, 'invalid_portion', `a portion is more than 0 g and at most ${ENTRY_LIMITS.gramsMax.toLocaleString('en')} g`);
    if (!(draft.count >= ENTRY_LIMITS.countMin && draft.count <= ENTRY_LIMITS.countMax)) throw new JournalError(400, 'invalid_count', `how many is from ${ENTRY_LIMITS.countMin} to ${ENTRY_LIMITS.countMax}`);
    if (draft.ts > now + ENTRY_LIMITS.aheadMs) throw new JournalError(400, 'entry_in_future', 'an entry cannot be for later than now');
    if (draft.ts < now - ENTRY_LIMITS.daysBack * DAY_MS) throw new JournalError(400, 'entry_too_old', `entries go back ${ENTRY_LIMITS.daysBack} days at most`);
    const { start, end } = localDayBounds(localDate(draft.ts, this.deps.timeZone()), this.deps.timeZone());
    if (this.deps.entries.countBetween(personId, start, end) >= ENTRY_LIMITS.perDay) throw new JournalError(400, 'day_full', `a day holds ${ENTRY_LIMITS.perDay} entries at most`);
  }
}
