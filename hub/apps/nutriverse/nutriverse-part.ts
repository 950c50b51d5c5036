/**
 * The `nutriverse` part: the food composition table (food-table.ts) opened, or built from the
 * shipped file on the first start after an update, and its search offered to the API through
 * `services.foods`; each person's food and drink journal (food-journal.ts) through
 * `services.foodJournal`.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { HubContext, HubPart, HubPartFactory } from '../../daemon/hub-part.js';
import { DerivedReadings } from '../../ingest/derived-readings.js';
import type { FoodsView } from '../../services/foods-service.js';
import type { RemovalParticipant } from '../../services/household-removal.js';
import { migrate } from '../../store/index.js';
import { FoodJournal } from './food-journal.js';
import { FoodJournalStore, NUTRIVERSE_SCHEMA_PART, nutriverseMigrations } from './food-journal-store.js';
import { foodSearchWords, ftsQuery } from './food-query.js';
import { installedFoodTable } from './food-table-file.js';
import { FoodTable } from './food-table.js';

export const NUTRIVERSE_PART = 'nutriverse';
/** Beside the household's database: reference data, rebuilt when needed, not part of a backup. */
export const FOOD_TABLE_FILE = 'food-table.db';

export interface NutriVerseOptions {
  /** The shipped table (tests hand in a small one). */
  readonly foodTableFile?: string;
}

export class NutriVersePart implements HubPart {
  readonly name = NUTRIVERSE_PART;
  private readonly logger: Logger;
  private table: FoodTable | undefined;
  private view: FoodsView | undefined;
  private journal: FoodJournal | undefined;
  private entries: FoodJournalStore | undefined;
  private readonly removal: RemovalParticipant = {
    name: 'food journal',
    count: (scope) => this.entries?.countOf(scope.personIds) ?? 0,
    remove: (scope) => this.entries?.removePeople(scope.personIds) ?? 0,
  };

  constructor(
    private readonly context: HubContext,
    private readonly options: NutriVerseOptions = {},
  ) {
    this.logger = context.logging.part(NUTRIVERSE_PART);
  }

  start(): Promise<void> {
    this.startJournal();
    this.startFoodTable();
    return Promise.resolve();
  }

  private startJournal(): void {
    const { store, ingest, registry, services, clock, config } = this.context;
    migrate(store.db, NUTRIVERSE_SCHEMA_PART, nutriverseMigrations);
    this.entries = new FoodJournalStore(store.db);
    this.journal = new FoodJournal({
      entries: this.entries,
      food: (id) => this.table?.food(id),
      readings: new DerivedReadings(ingest, registry, 'journal'),
      writer: store.writer,
      clock,
      timeZone: () => services.timeZone.inForce(config.sleeporacle.timeZone),
    });
    services.foodJournal.provide(this.journal);
    services.removal.join(this.removal);
  }

  private startFoodTable(): void {
    const started = performance.now();
    let opened;
    try {
      opened = FoodTable.open(join(this.context.config.dataDir, FOOD_TABLE_FILE), this.options.foodTableFile ?? installedFoodTable());
    } catch (error) {
      // The rest of the hub runs on; the food search says it is unavailable.
      this.logger.error({ err: error }, 'the food table could not be opened: food search is unavailable until it can');
      return;
    }
    const { table, built, problem } = opened;
    this.table = table;
    if (problem !== undefined) this.logger.warn({ problem }, 'the shipped food table could not be read; the one built before is used');
    if (built) this.logger.info({ foods: table.size, ms: Math.round(performance.now() - started) }, 'food table built from the shipped one');
    const view: FoodsView = {
      size: table.size,
      search: (typed, limit) => {
        const match = ftsQuery(typed);
        return match === undefined ? [] : table.search(match, foodSearchWords(typed)[0] ?? '', limit);
      },
      food: (id) => table.food(id),
    };
    this.view = view;
    this.context.services.foods.provide(view);
  }

  stop(): Promise<void> {
    const { services } = this.context;
    if (this.journal !== undefined) services.foodJournal.withdraw(this.journal);
    services.removal.leave(this.removal);
    this.journal = undefined;
    this.entries = undefined;
    if (this.view !== undefined) this.context.services.foods.withdraw(this.view);
    this.view = undefined;
    this.table?.close();
    this.table = undefined;
    return Promise.resolve();
  }
}

export const nutriversePart: HubPartFactory = (context) => (context.config.nutriverse.enabled ? new NutriVersePart(context) : undefined);
