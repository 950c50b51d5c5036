/**
 * The `sleeporacle` part: every hour it analyses each person's last day and a half of heart rate,
 * steps and oxygen into sleep sessions (sleep-sessions.ts, overnight-oxygen.ts), keeps them in its
 * own table, writes each finished night's ODI and T90 back as derived readings (so they are
 * charted, exported and seen by the alert rules), and offers the sessions to the API.
 */
import type { Logger } from 'pino';
import type { HubContext, HubPart, HubPartFactory } from '../../daemon/hub-part.js';
import { DerivedReadings, type DerivedReading } from '../../ingest/derived-readings.js';
import type { RemovalParticipant } from '../../services/household-removal.js';
import { migrate } from '../../store/index.js';
import { analyseNights } from './night-analysis.js';
import { NightStore, SLEEPORACLE_SCHEMA_PART, sleeporacleMigrations } from './night-store.js';
import type { NightSummary } from './night-summary.js';

export const SLEEPORACLE_PART = 'sleeporacle';
const SLEEP_JOB = 'sleep-analysis';
const HOUR = 3_600_000;
/** What each run analyses again: a session still going on a day and a half ago has ended since. */
const REANALYSED_MS = 36 * HOUR;
/** And what it reads before that, so the first session of the span is seen from its start. */
const LEAD_IN_MS = 12 * HOUR;
const BASELINE_MS = 28 * 24 * HOUR;
/** A session is finished once the data has gone on this long past its end. */
const FINISHED_AFTER_MS = HOUR;

export class SleepOraclePart implements HubPart {
  readonly name = SLEEPORACLE_PART;
  private readonly logger: Logger;
  private nights: NightStore | undefined;
  private derived: DerivedReadings | undefined;
  private readonly view = { sessions: (personId: string, from: number, to: number) => this.store().between(personId, from, to) };
  /** People removed from the household take their nights along. */
  private readonly removal: RemovalParticipant = {
    name: 'sleepSessions',
    count: (scope) => this.store().countOf(scope.personIds),
    remove: (scope) => this.store().removePeople(scope.personIds),
  };

  constructor(private readonly context: HubContext) {
    this.logger = context.logging.part(SLEEPORACLE_PART);
  }

  start(): Promise<void> {
    const { store, ingest, registry, services } = this.context;
    migrate(store.db, SLEEPORACLE_SCHEMA_PART, sleeporacleMigrations);
    this.nights = new NightStore(store.db);
    this.derived = new DerivedReadings(ingest, registry);
    this.context.addJob({ name: SLEEP_JOB, schedule: '7 * * * *', run: () => this.analyse() });
    services.sleep.provide(this.view);
    services.removal.join(this.removal);
    this.logger.info({ timeZone: this.timeZone() }, 'sleep analysis started');
    return Promise.resolve();
  }

  /** Nights that ended while the hub was off are worked out now, not at the next hour. */
  ready(): void {
    this.analyse();
  }

  stop(): Promise<void> {
    this.context.services.sleep.withdraw(this.view);
    this.context.services.removal.leave(this.removal);
    this.nights = undefined;
    return Promise.resolve();
  }

  /** Analyses everyone's recent sleep now; the hourly job calls it, and tests. */
  analyse(): void {
    const now = this.context.clock.now();
    for (const person of this.context.registry.listPeople()) {
      try {
        this.analysePerson(person.id, now);
      } catch (error) {
        this.logger.warn({ err: error }, 'a person’s sleep could not be analysed; the others go on');
      }
    }
  }

  private analysePerson(personId: string, now: number): void {
    const nights = this.store();
    const from = now - REANALYSED_MS;
    const earlier = nights.between(personId, now - BASELINE_MS, from);
    const sessions = analyseNights(this.context.store.query, { personId, from: from - LEAD_IN_MS, to: now, timeZone: this.timeZone(), earlier }).filter((s) => s.start >= from);
    nights.replaceFrom(personId, from, sessions);
    const finished = sessions.filter((s) => s.kind === 'night' && !s.partial && now - s.end >= FINISHED_AFTER_MS);
    this.derived?.write(personId, finished.flatMap(oxygenReadings));
    if (sessions.length > 0) this.logger.debug({ sessions: sessions.length, finished: finished.length }, 'sleep analysed');
  }

  /** The household's zone (its settings) when it chose one, else the config's, else the box's. */
  private timeZone(): string {
    const zone = this.context.services.timeZone.orElse(this.context.config.sleeporacle.timeZone);
    return zone === '' ? Intl.DateTimeFormat().resolvedOptions().timeZone : zone;
  }

  private store(): NightStore {
    if (this.nights === undefined) throw new Error('the sleeporacle part is not started');
    return this.nights;
  }
}

/** A finished night's oxygen as readings at its end: what the alert rules and charts see. */
function oxygenReadings(night: NightSummary): DerivedReading[] {
  const oxygen = night.oxygen;
  if (oxygen === null) return [];
  const readings: DerivedReading[] = [{ metric: 't90', value: oxygen.t90Minutes, ts: night.end }];
  if (oxygen.odi3 !== null) readings.push({ metric: 'odi_3', value: oxygen.odi3, ts: night.end });
  if (oxygen.odi4 !== null) readings.push({ metric: 'odi_4', value: oxygen.odi4, ts: night.end });
  return readings;
}

export const sleeporaclePart: HubPartFactory = (context) => (context.config.sleeporacle.enabled ? new SleepOraclePart(context) : undefined);
