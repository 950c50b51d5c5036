/**
 * The `inference` part: loads the shipped models at start (a missing or refused model is logged and
 * the hub carries on), screens RR intervals for AF as they arrive, runs the hourly illness job, and
 * keeps the insights both raise: in its own table, on the bus ('insight.raised') and in the hub's
 * services for the API.
 */
import { isAbsolute, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Insight } from '../bus/hub-events.js';
import type { HubContext, HubPart, HubPartFactory } from '../daemon/hub-part.js';
import type { RemovalParticipant } from '../services/household-removal.js';
import type { InsightsView, ModelOutputBasis } from '../services/insights-service.js';
import { migrate } from '../store/index.js';
import { AfMonitor } from './af-monitor.js';
import { AfScreening } from './af-screening.js';
import { DerivedReadings } from '../ingest/derived-readings.js';
import { IllnessMonitor, ILLNESS_JOB } from './illness-monitor.js';
import { IllnessWarning } from './illness-warning.js';
import { INFERENCE_SCHEMA_PART, inferenceMigrations, InsightStore } from './insight-store.js';
import { loadModels, releaseModels, type ModelRegistry } from './model-registry.js';
import { installedModelsDir } from './models-dir.js';
import { BASELINE_DAYS } from './rhr-baseline.js';

export const INFERENCE_PART = 'inference';
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

interface Running {
  readonly models: ModelRegistry;
  readonly af: AfMonitor | undefined;
  readonly illness: IllnessMonitor | undefined;
  readonly removal: RemovalParticipant;
}

export class InferencePart implements HubPart {
  readonly name = INFERENCE_PART;
  private readonly logger: Logger;
  private running: Running | undefined;
  private insightStore: InsightStore | undefined;
  private view: InsightsView | undefined;

  constructor(private readonly context: HubContext) {
    this.logger = context.logging.part(INFERENCE_PART);
  }

  /** The insights table; available once started. */
  get insights(): InsightStore {
    if (this.insightStore === undefined) throw new Error('the inference part is not started');
    return this.insightStore;
  }

  get afMonitor(): AfMonitor | undefined {
    return this.running?.af;
  }

  get illnessMonitor(): IllnessMonitor | undefined {
    return this.running?.illness;
  }

  async start(): Promise<void> {
    const { config, store, bus, ingest, registry, clock, services } = this.context;
    const settings = config.inference;
    migrate(store.db, INFERENCE_SCHEMA_PART, inferenceMigrations);
    const insights = new InsightStore(store.db);
    this.insightStore = insights;
    const modelsDir = settings.modelsDir === '' ? installedModelsDir() : isAbsolute(settings.modelsDir) ? settings.modelsDir : resolve(settings.modelsDir);
    const models = await this.load(modelsDir);
    const derived = new DerivedReadings(ingest, registry);
    const raise = (insight: Omit<Insight, 'id'>): void => this.raise(insight);

    const screening = settings.af.enabled ? await this.afScreening(models) : undefined;
    const af =
      screening === undefined
        ? undefined
        : new AfMonitor({
            screening,
            derived,
            sustainedMs: settings.af.sustainedMinutes * MINUTE_MS,
            quietMs: settings.af.quietHours * HOUR_MS,
            lastInsightTs: (personId) => insights.lastTs(personId, 'af-rr'),
            raise,
            logger: this.logger,
            observe: (seconds) => services.metrics.observeInference('af-rr', seconds),
          });
    if (af !== undefined) bus.on('reading.accepted', INFERENCE_PART, (reading) => af.onReading(reading));

    // Resting heart rate is worth writing even without the illness model, so the job runs either way.
    const illness = settings.illness.enabled
      ? new IllnessMonitor({
          warning: IllnessWarning.fromRegistry(models),
          query: store.query,
          derived,
          clock,
          people: () => registry.listPeople().map((p) => p.id),
          catchUpHours: settings.illness.catchUpHours,
          progress: { get: (p) => insights.progress(p, ILLNESS_JOB), set: (p, t) => insights.setProgress(p, ILLNESS_JOB, t) },
          lastInsightTs: (personId) => insights.lastTs(personId, 'illness-rhr'),
          raise,
          logger: this.logger,
          observe: (seconds) => services.metrics.observeInference('illness-rhr', seconds),
        })
      : undefined;
    if (illness !== undefined) this.context.addJob({ name: ILLNESS_JOB, schedule: '2 * * * *', run: () => illness.runHourly() });

    const warning = illness !== undefined ? IllnessWarning.fromRegistry(models) : undefined;
    const outputs: ModelOutputBasis[] = [
      ...(screening !== undefined ? [{ metric: 'af_probability', model: 'af-rr', reads: `the intervals between ${screening.windowBeats} heartbeats`, threshold: screening.threshold }] : []),
      ...(warning !== undefined
        ? [{ metric: 'illness_score', model: 'illness-rhr', reads: `the resting heart rate of the 24 hours before, against the person’s own usual of the ${BASELINE_DAYS} days before that`, threshold: warning.threshold }]
        : []),
    ];
    this.view = { list: (allowed) => insights.list(allowed), outputs: () => outputs };
    services.insights.provide(this.view);
    // People removed from the household take their insights along; a window being scored lands first.
    const removal: RemovalParticipant = {
      name: 'insights',
      count: (scope) => insights.countPeople(scope.personIds),
      settle: async () => af?.idle(),
      remove: (scope) => insights.removePeople(scope.personIds),
      forget: (scope) => af?.forget(scope.personIds),
    };
    services.removal.join(removal);
    services.models.provide(models);
    this.running = { models, af, illness, removal };
    this.logger.info({ models: [...models.keys()], af: af !== undefined, illness: illness !== undefined }, 'inference started');
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (this.view !== undefined) this.context.services.insights.withdraw(this.view);
    this.view = undefined;
    if (running === undefined) return;
    this.context.services.removal.leave(running.removal);
    this.context.services.models.withdraw(running.models);
    this.context.bus.removeOwner(INFERENCE_PART);
    await running.af?.idle();
    await releaseModels(running.models);
  }

  private async load(modelsDir: string): Promise<ModelRegistry> {
    try {
      return await loadModels(modelsDir, { info: (m) => this.logger.info(m), warn: (m) => this.logger.warn(m) });
    } catch (error) {
      this.logger.warn({ err: error, modelsDir }, 'no models could be read; inference runs without them');
      return new Map();
    }
  }

  private async afScreening(models: ModelRegistry): Promise<AfScreening | undefined> {
    try {
      const screening = await AfScreening.fromRegistry(models);
      if (screening === undefined) this.logger.warn('the af-rr model is not available: no live AF screening');
      return screening;
    } catch (error) {
      this.logger.warn({ err: error }, 'the af-rr model could not be set up: no live AF screening');
      return undefined;
    }
  }

  private raise(insight: Omit<Insight, 'id'>): void {
    const stored = this.insights.add(insight);
    // Who and what stay at debug: the log may leave the house in a bug report.
    this.logger.info({ model: stored.model, id: stored.id }, 'insight raised');
    this.logger.debug({ personId: stored.personId, score: stored.score }, 'insight details');
    this.context.bus.emit('insight.raised', stored);
  }
}

export const inferencePart: HubPartFactory = (context) => (context.config.inference.enabled ? new InferencePart(context) : undefined);
