/**
 * The food and drink journal: an entry checked against the food table and its limits, recorded
 * with the readings it becomes (through the ingest gate, all or none), and taken back with them.
 */
import type { Clock } from '../../../core/clock.js';
import { datePlusDays, localDate, localDayBounds } from '../../../core/local-day.js';
import type { MetricId } from '../../../core/metrics.js';
import type { ReadingsRemovedEvent } from '../../bus/hub-events.js';
import type { DerivedReadings } from '../../ingest/derived-readings.js';
import type { FoodJournalView, JournalDay, NewJournalEntry, TrendDay } from '../../services/food-journal-service.js';
import { JournalError } from '../../services/food-journal-service.js';
import type { ReadingWriter, StoreQuery } from '../../store/index.js';
import type { FoodJournalStore, RecentFood, StoredEntry } from './food-journal-store.js';
import type { Food } from './food-table.js';
import { DAY_REFERENCES, ENTRY_LIMITS, ENTRY_METRICS, dayTotals, entryNutrients, entryReadings } from './journal-entry.js';

const DAY_MS = 86_400_000;
/** Recent foods offered before anything is typed: a row or two of buttons. */
const RECENT_FOODS = 8;

export interface FoodJournalDeps {
  readonly entries: FoodJournalStore;
  /** The food table's lookup; undefined while it cannot be read. */
  readonly food: (id: string) => Food | undefined;
  readonly readings: DerivedReadings;
  readonly writer: Pick<ReadingWriter, 'removeReadings'>;
  /** For the blood pressure and weight the trends are shown beside. */
  readonly query: Pick<StoreQuery, 'querySeries'>;
  readonly clock: Clock;
  readonly timeZone: () => string;
  /** Told of readings taken back, so that what was judged from them is judged again. */
  readonly removed: (event: ReadingsRemovedEvent) => void;
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

  recent(personId: string): RecentFood[] {
    return this.deps.entries.recent(personId, RECENT_FOODS);
  }

  trends(personId: string, days: number): TrendDay[] {
    const zone = this.deps.timeZone();
    const today = this.today();
    const dates = Array.from({ length: days }, (_, i) => datePlusDays(today, i - days + 1));
    const from = localDayBounds(dates[0] ?? today, zone).start;
    const to = localDayBounds(today, zone).end;
    const byDate = new Map<string, StoredEntry[]>();
    for (const entry of this.deps.entries.between(personId, from, to)) {
      const date = localDate(entry.ts, zone);
      byDate.set(date, [...(byDate.get(date) ?? []), entry]);
    }
    const systolic = this.dailyMeans('bp_systolic', personId, from, to, zone);
    const weight = this.dailyMeans('body_weight', personId, from, to, zone);
    return dates.map((date) => {
      const entries = byDate.get(date) ?? [];
      const totals = dayTotals(entries);
      return { date, kcal: totals.kcal, sodium_mg: totals.sodium_mg, caffeine_mg: totals.caffeine_mg, alcohol_g: totals.alcohol_g, drunk_ml: totals.drunk_ml, entries: entries.length, systolic: systolic.get(date) ?? null, weightKg: weight.get(date) ?? null };
    });
  }

  /** Each local day's mean of a metric over [from, to), weighted by how many readings each point holds. */
  private dailyMeans(metric: MetricId, personId: string, from: number, to: number, zone: string): Map<string, number> {
    const sums = new Map<string, { sum: number; count: number }>();
    // Hour buckets at the coarsest: a local day is whole hours in every zone a household lives in but a few.
    const maxPoints = Math.ceil((to - from) / 3_600_000) + 2;
    for (const p of this.deps.query.querySeries({ metric, personId, from, to, maxPoints }).points) {
      const date = localDate(p.ts, zone);
      const day = sums.get(date) ?? { sum: 0, count: 0 };
      day.sum += p.value * p.count;
      day.count += p.count;
      sums.set(date, day);
    }
    return new Map([...sums].map(([date, { sum, count }]) => [date, Math.round((sum / count) * 10) / 10]));
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
    const removed = this.deps.entries.remove(id, this.deps.clock.now());
    this.deps.removed({ personId, metrics: ENTRY_METRICS, times: [entry.ts] });
    return removed;
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
