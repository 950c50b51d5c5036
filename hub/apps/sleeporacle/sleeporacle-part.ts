/**
 * The `sleeporacle` part: every hour it analyses each person's last day and a half of heart rate,
 * steps and oxygen into sleep sessions (sleep-sessions.ts, overnight-oxygen.ts), keeps them in its
 * own table, writes each finished night's ODI, T90 and T88 back as derived readings (so they are
 * charted, exported and seen by the alert rules), screens each finished night's chest-strap RR for
 * breathing disorders with the apnea-rr model the inference part loaded (night-breathing.ts),
 * and offers the sessions, with their screening, to the API.
 */
import type { Logger } from 'pino';
import type { HubContext, HubPart, HubPartFactory } from '../../daemon/hub-part.js';
import { DerivedReadings, type DerivedReading } from '../../ingest/derived-readings.js';
import type { RemovalParticipant } from '../../services/household-removal.js';
import { migrate } from '../../store/index.js';
import { APNEA_PROBABILITY_METRIC, ApneaScreening } from './apnea-screening.js';
import { analyseNights } from './night-analysis.js';
import { NightApneaStore, type NightApnea } from './night-apnea-store.js';
import { screenNightBreathing } from './night-breathing.js';
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
const DAY = 24 * HOUR;
/** Finished nights not screened yet (the hub was off, the strap's RR came in later) are looked for this far back. */
const SCREENED_BACK_MS = 7 * DAY;
/** The severe-night count an alert rule watches runs over this many days. */
const SEVERE_WINDOW_MS = 7 * DAY;

export class SleepOraclePart implements HubPart {
  readonly name = SLEEPORACLE_PART;
  private readonly logger: Logger;
  private nights: NightStore | undefined;
  private apnea: NightApneaStore | undefined;
  private derived: DerivedReadings | undefined;
  /** The breathing screening under way, if any: one at a time, and awaited before the part stops. */
  private screening: Promise<void> | undefined;
  /** Set as the part stops: a screening under way ends after the night it is on. */
  private stopping = false;
  private readonly view = { sessions: (personId: string, from: number, to: number) => this.sessionsWithBreathing(personId, from, to) };
  /** People removed from the household take their nights, and their nights' screenings, along. */
  private readonly removal: RemovalParticipant = {
    name: 'sleepSessions',
    count: (scope) => this.store().countOf(scope.personIds),
    remove: (scope) => this.store().removePeople(scope.personIds),
  };
  private readonly screeningRemoval: RemovalParticipant = {
    name: 'sleepScreenings',
    count: (scope) => this.apneaStore().countOf(scope.personIds),
    // A night being scored lands first; one started after this checks that its person is still there.
    settle: async () => this.screening,
    remove: (scope) => this.apneaStore().removePeople(scope.personIds),
  };

  constructor(private readonly context: HubContext) {
    this.logger = context.logging.part(SLEEPORACLE_PART);
  }

  start(): Promise<void> {
    const { store, ingest, registry, services } = this.context;
    migrate(store.db, SLEEPORACLE_SCHEMA_PART, sleeporacleMigrations);
    this.nights = new NightStore(store.db);
    this.apnea = new NightApneaStore(store.db);
    this.derived = new DerivedReadings(ingest, registry);
    this.context.addJob({ name: SLEEP_JOB, schedule: '7 * * * *', run: () => this.analyseAndScreen() });
    services.sleep.provide(this.view);
    services.removal.join(this.removal);
    services.removal.join(this.screeningRemoval);
    this.stopping = false;
    this.logger.info({ timeZone: this.timeZone() }, 'sleep analysis started');
    return Promise.resolve();
  }

  /** Nights that ended while the hub was off are worked out now, not at the next hour. */
  ready(): void {
    this.analyseAndScreen().catch((error: unknown) => this.logger.warn({ err: error }, 'the sleep analysis at start failed; the hourly one will try again'));
  }

  async stop(): Promise<void> {
    this.context.services.sleep.withdraw(this.view);
    this.context.services.removal.leave(this.removal);
    this.context.services.removal.leave(this.screeningRemoval);
    // A night being scored finishes with the model and the store still there; the rest wait for the next start.
    // (The inference part, which releases the model, stops after this part: the hub stops parts in reverse order.)
    this.stopping = true;
    await this.screening;
    this.nights = undefined;
    this.apnea = undefined;
  }

  async analyseAndScreen(): Promise<void> {
    this.analyse();
    await this.screenBreathing();
  }

  /**
   * Screens the finished nights of the last week that have RR and no screening yet, with the
   * apnea-rr model, when the inference part has it loaded. One screening runs at a time: asked
   * again meanwhile, it waits for the one under way.
   */
  screenBreathing(): Promise<void> {
    this.screening ??= this.screenAll().finally(() => (this.screening = undefined));
    return this.screening;
  }

  private async screenAll(): Promise<void> {
    const registry = this.context.services.models.current();
    const screening = registry === undefined ? undefined : ApneaScreening.fromRegistry(registry);
    if (screening === undefined) return;
    const now = this.context.clock.now();
    for (const person of this.context.registry.listPeople()) {
      try {
        await this.screenPerson(screening, person.id, now);
      } catch (error) {
        this.logger.warn({ err: error }, 'a person’s breathing could not be screened; the others go on');
      }
      if (this.stopping) return;
    }
  }

  private async screenPerson(screening: ApneaScreening, personId: string, now: number): Promise<void> {
    const from = now - SCREENED_BACK_MS;
    // The end each night was screened up to: a night that grew since (the strap's memory synced later) is screened again.
    const screened = new Map(this.apneaStore().between(personId, from - DAY, now).map((a) => [a.start, a.end]));
    // A night whose recording began or ended inside it is screened too, over the RR there is: the
    // estimate is per hour of clean RR, and under an hour of it the night gets none.
    const due = this.store()
      .between(personId, from, now)
      .filter((s) => s.kind === 'night' && now - s.end >= FINISHED_AFTER_MS && (screened.get(s.start) ?? -Infinity) < s.end);
    for (const night of due) {
      if (this.stopping) return;
      const breathing = await screenNightBreathing(this.context.store.query, screening, personId, night);
      // Removed from the household while the night was scored: nothing of theirs is written back.
      if (breathing === undefined || this.apnea === undefined || !this.context.registry.listPeople().some((p) => p.id === personId)) continue;
      this.apnea.save(personId, breathing.apnea);
      this.derived?.write(personId, [...breathing.minutes.map((m): DerivedReading => ({ metric: APNEA_PROBABILITY_METRIC, value: m.probability, ts: m.ts })), ...this.nightReadings(personId, breathing.apnea)]);
      // What the night showed is health data: the log says only that a night was screened.
      this.logger.debug('a night’s breathing screened');
    }
  }

  /** The night's estimate, and how many nights that ended in the seven days up to its end were estimated severe, at its end. */
  private nightReadings(personId: string, apnea: NightApnea): DerivedReading[] {
    if (apnea.estimatedAhi === null) return [];
    // Nights are kept by their start: one that ended inside the window began up to a day before it.
    const week = this.apneaStore().between(personId, apnea.end - SEVERE_WINDOW_MS - DAY, apnea.end + 1);
    const severe = week.filter((a) => a.end > apnea.end - SEVERE_WINDOW_MS && a.end <= apnea.end && a.category === 'severe').length;
    return [
      { metric: 'ahi_estimate', value: apnea.estimatedAhi, ts: apnea.end },
      { metric: 'severe_apnea_nights', value: severe, ts: apnea.end },
    ];
  }

  /** The sessions, each night with its breathing screening when it had one. */
  private sessionsWithBreathing(personId: string, from: number, to: number): NightSummary[] {
    const sessions = this.store().between(personId, from, to);
    const screened = new Map(this.apneaStore().between(personId, from, to).map((a) => [a.start, a]));
    return sessions.map((s) => (s.kind === 'night' ? { ...s, breathing: screened.get(s.start) ?? null } : s));
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
    return this.context.services.timeZone.inForce(this.context.config.sleeporacle.timeZone);
  }

  private store(): NightStore {
    if (this.nights === undefined) throw new Error('the sleeporacle part is not started');
    return this.nights;
  }

  private apneaStore(): NightApneaStore {
    if (this.apnea === undefined) throw new Error('the sleeporacle part is not started');
    return this.apnea;
  }
}

/** A finished night's oxygen as readings at its end: what the alert rules and charts see. */
function oxygenReadings(night: NightSummary): DerivedReading[] {
  const oxygen = night.oxygen;
  if (oxygen === null) return [];
  const readings: DerivedReading[] = [{ metric: 't90', value: oxygen.t90Minutes, ts: night.end }];
  if (oxygen.t88Minutes !== undefined) readings.push({ metric: 't88', value: oxygen.t88Minutes, ts: night.end });
  if (oxygen.odi3 !== null) readings.push({ metric: 'odi_3', value: oxygen.odi3, ts: night.end });
  if (oxygen.odi4 !== null) readings.push({ metric: 'odi_4', value: oxygen.odi4, ts: night.end });
  return readings;
}

export const sleeporaclePart: HubPartFactory = (context) => (context.config.sleeporacle.enabled ? new SleepOraclePart(context) : undefined);
