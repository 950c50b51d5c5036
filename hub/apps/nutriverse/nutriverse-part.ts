/**
 * The `nutriverse` part: the food composition table (food-table.ts) opened, or built from the
 * shipped file on the first start after an update, and its search offered to the API through
 * `services.foods`; each person's food and drink journal (food-journal.ts) through
 * `services.foodJournal`; each person's medicines (medicines.ts) through `services.medicines`,
 * their missed important doses checked every minute.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { HubContext, HubPart, HubPartFactory } from '../../daemon/hub-part.js';
import type { ReadingsRemovedEvent } from '../../bus/hub-events.js';
import { DerivedReadings } from '../../ingest/derived-readings.js';
import type { FoodsView } from '../../services/foods-service.js';
import type { RemovalParticipant } from '../../services/household-removal.js';
import { migrate } from '../../store/index.js';
import { FoodJournal } from './food-journal.js';
import { FoodJournalStore, NUTRIVERSE_SCHEMA_PART, nutriverseMigrations } from './food-journal-store.js';
import { MedicineStore } from './medicine-store.js';
import { Medicines } from './medicines.js';
import { foodSearchWords, ftsQuery } from './food-query.js';
import { installedFoodTable } from './food-table-file.js';
import { FoodTable } from './food-table.js';

export const NUTRIVERSE_PART = 'nutriverse';
const MISSED_DOSES_JOB = 'nutriverse-missed-doses';
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
  private medicineStore: MedicineStore | undefined;
  private medicines: Medicines | undefined;
  private readonly medicineRemoval: RemovalParticipant = {
    name: 'medicines',
    count: (scope) => this.medicineStore?.countOf(scope.personIds) ?? 0,
    remove: (scope) => this.medicineStore?.removePeople(scope.personIds) ?? 0,
  };
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
    const { store, ingest, registry, services, clock, config, bus } = this.context;
    const removed = (event: ReadingsRemovedEvent): void => bus.emit('readings.removed', event);
    migrate(store.db, NUTRIVERSE_SCHEMA_PART, nutriverseMigrations);
    const timeZone = (): string => services.timeZone.inForce(config.sleeporacle.timeZone);
    const journalReadings = new DerivedReadings(ingest, registry, 'journal');
    this.entries = new FoodJournalStore(store.db);
    this.journal = new FoodJournal({ entries: this.entries, food: (id) => this.table?.food(id), readings: journalReadings, writer: store.writer, query: store.query, clock, timeZone, removed });
    this.medicineStore = new MedicineStore(store.db);
    const medicines = new Medicines({
      medicines: this.medicineStore,
      journalReadings,
      derivedReadings: new DerivedReadings(ingest, registry),
      writer: store.writer,
      query: store.query,
      clock,
      timeZone,
      removed,
      due: (reminder) => {
        const name = registry.listPeople().find((p) => p.id === reminder.personId)?.name ?? 'Someone';
        const what = reminder.count === 1 ? 'medicine' : `${reminder.count} medicines`;
        bus.emit('reminder.due', { ...reminder, kind: 'medicine', spoken: `${name}, it is time for your ${reminder.time} ${what}.` });
      },
    });
    this.medicines = medicines;
    this.context.addJob({ name: MISSED_DOSES_JOB, schedule: '* * * * *', run: () => this.checkMissedDoses() });
    services.foodJournal.provide(this.journal);
    services.medicines.provide(medicines);
    services.removal.join(this.removal);
    services.removal.join(this.medicineRemoval);
  }

  /** Doses missed while the hub was off are counted now. */
  ready(): void {
    this.checkMissedDoses();
  }

  /** Everyone's missed doses of important medicines, written as `medicine_missed` where the count changed. */
  checkMissedDoses(): void {
    this.medicines?.checkAll();
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
    if (this.medicines !== undefined) services.medicines.withdraw(this.medicines);
    services.removal.leave(this.removal);
    services.removal.leave(this.medicineRemoval);
    this.journal = undefined;
    this.entries = undefined;
    this.medicines = undefined;
    this.medicineStore = undefined;
    if (this.view !== undefined) this.context.services.foods.withdraw(this.view);
    this.view = undefined;
    this.table?.close();
    this.table = undefined;
    return Promise.resolve();
  }
}

export const nutriversePart: HubPartFactory = (context) => (context.config.nutriverse.enabled ? new NutriVersePart(context) : undefined);
