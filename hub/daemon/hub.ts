import { join } from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createHttpServer, listen } from '../http/http-server.js';
import { registerHealthRoute } from '../api/routes/health-route.js';
import { EventBus } from '../bus/event-bus.js';
import type { HubBus, HubEvents, HubStatusEvent } from '../bus/hub-events.js';
import type { HubConfig } from '../config/hub-config.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { HUB_VERSION } from './version.js';
import { HouseholdRegistry } from '../household/household-registry.js';
import { householdMigrations } from '../household/household-schema.js';
import { DeviceHistoryDedupe } from '../ingest/device-history-dedupe.js';
import { Ingest } from '../ingest/ingest.js';
import { IngestGate } from '../ingest/ingest-gate.js';
import { ingestMigrations, RejectionLedger } from '../ingest/rejection-ledger.js';
import { storedReadingLookup } from '../ingest/stored-reading-lookup.js';
import type { HubLogging } from '../log/logger.js';
import { JobScheduler, type ScheduledJob } from '../scheduler/job-scheduler.js';
import { createHubServices } from '../services/hub-services.js';
import { deviceEventRecorder } from './device-event-recorder.js';
import { DATABASE_FILE } from '../store/database-file.js';
import { migrate, Store } from '../store/index.js';
import { DataDirectoryLock } from './data-dir-lock.js';
import type { HealthReport } from './health-report.js';
import type { HubContext, HubPart, HubPartFactory } from './hub-part.js';
import { CONSUMER_PARTS, SOURCE_PARTS } from './hub-parts.js';
import { PeriodicTask } from './periodic-task.js';

/** How often a part that has not finished stopping is named in the log. */
const SLOW_STOP_MS = 5000;

export interface HubOptions {
  readonly config: HubConfig;
  readonly logging: HubLogging;
  readonly clock?: Clock;
  /** Replaces the optional parts (tests start a hub with only what they exercise). */
  readonly parts?: { readonly consumers: readonly HubPartFactory[]; readonly sources: readonly HubPartFactory[] };
}

/** One route of the hub's HTTP server. */
export interface HubRoute {
  readonly method: string;
  readonly url: string;
}

/**
 * The daemon: the store, household, gate and HTTP server at its core, and the optional parts of
 * hub-parts.ts around them. Constructing it does nothing; `start` brings the parts up in order and
 * `stop` takes them down in reverse, flushing every queued reading to disk.
 */
export class Hub {
  readonly bus: HubBus;
  readonly store: Store;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly started: HubPart[] = [];
  private startedAt = 0;
  private loopDelay: IntervalHistogram | undefined;
  private contextInstance: HubContext | undefined;
  private address: string | undefined;
  private routeList: HubRoute[] = [];

  constructor(private readonly options: HubOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.logging.part('hub');
    const busLog = options.logging.part('bus');
    this.bus = new EventBus<HubEvents>((event, owner, error) => busLog.error({ event, owner, err: error }, 'listener failed'));
    const { store } = options.config;
    this.store = new Store({
      path: join(options.config.dataDir, DATABASE_FILE),
      onCorrupt: store.onCorrupt,
      clock: this.clock,
      logger: options.logging.part('store'),
      writer: { flushIntervalMs: store.flushIntervalMs, maxBatch: store.maxBatch, maxQueued: store.maxQueued },
      retention: store.retention,
    });
  }

  async start(): Promise<void> {
    const { config, logging } = this.options;
    this.startedAt = this.clock.now();
    this.loopDelay = monitorEventLoopDelay({ resolution: 20 });
    this.loopDelay.enable();
    this.log.info({ version: HUB_VERSION, dataDir: config.dataDir, pid: process.pid }, 'hub starting');
    try {
      // Before the store opens the database: a second hub must not even check (or move aside) it.
      const lock = new DataDirectoryLock(config.dataDir);
      await this.startPart({ name: 'data-dir-lock', start: async () => lock.acquire(), stop: async () => lock.release() });
      await this.startPart({ name: 'store', start: () => this.store.start(), stop: () => this.store.stop() });
      const context = this.buildContext();
      this.contextInstance = context;
      const ledger = new RejectionLedger(this.store.db);
      this.bus.on('reading.rejected', 'rejection-ledger', (r) => ledger.note(this.clock.now(), r.reason, r.metric));
      await this.startPart({ name: 'rejection-ledger', ...new PeriodicTask(() => ledger.persist(), 5000).asPart() });
      await this.startPart(deviceEventRecorder(this.bus, () => this.store.deviceEvents));
      const parts = this.options.parts ?? { consumers: CONSUMER_PARTS, sources: SOURCE_PARTS };
      for (const factory of parts.consumers) {
        const part = factory(context);
        if (part !== undefined) await this.startPart(part);
      }
      registerHealthRoute(context.http, () => this.health());
      const scheduler = new JobScheduler(this.scheduledJobs(), logging.part('scheduler'));
      await this.startPart({ name: 'scheduler', start: () => scheduler.start(), stop: () => scheduler.stop() });
      await this.startPart({ name: 'http', start: () => this.listen(context.http), stop: () => context.http.close() });
      for (const factory of parts.sources) {
        const part = factory(context);
        if (part !== undefined) await this.startPart(part);
      }
      for (const part of this.started) {
        try {
          part.ready?.();
        } catch (error) {
          this.log.warn({ err: error, part: part.name }, 'a part could not catch up after the start; it runs on');
        }
      }
      this.log.info({ address: this.address, parts: this.started.map((p) => p.name) }, 'hub started');
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    for (const part of this.started.splice(0).reverse()) {
      // Said while it lasts, so a stop that hangs names the part; and the timer keeps the process
      // alive meanwhile, where a promise alone would let Node exit half-stopped.
      const startedStopping = Date.now();
      const slow = setInterval(() => this.log.warn({ part: part.name, seconds: Math.round((Date.now() - startedStopping) / 1000) }, 'a part is slow to stop'), SLOW_STOP_MS);
      try {
        await part.stop();
      } catch (error) {
        this.log.error({ part: part.name, err: error }, 'part failed to stop cleanly');
      } finally {
        clearInterval(slow);
        this.bus.removeOwner(part.name);
      }
    }
    this.loopDelay?.disable();
    this.log.info('hub stopped');
  }

  /** The core as the parts see it; available once `start` has opened the store. */
  get context(): HubContext {
    if (this.contextInstance === undefined) throw new Error('the hub is not started');
    return this.contextInstance;
  }

  get listeningAddress(): string | undefined {
    return this.address;
  }

  /** The port the dashboard and API listen on once started: the one the system chose when the config says 0. */
  get listeningPort(): number | undefined {
    const bound = this.contextInstance?.http.server.address();
    return typeof bound === 'object' && bound !== null ? bound.port : undefined;
  }

  /** Every route the parts registered on the HTTP server, for the security tests and for operators who ask. */
  get routes(): readonly HubRoute[] {
    return this.routeList;
  }

  health(): HealthReport {
    const writer = this.store.writer.stats();
    const problems: string[] = [];
    if (writer.lastError !== null) problems.push(`store writes are failing: ${writer.lastError}`);
    if (writer.dropped > 0) problems.push(`${writer.dropped} readings were dropped while the store could not be written`);
    const ingest = this.context.ingest.stats();
    return {
      status: problems.length === 0 ? 'ok' : 'degraded',
      version: HUB_VERSION,
      uptimeS: Math.round((this.clock.now() - this.startedAt) / 1000),
      problems,
      store: this.store.query.summary(),
      writer: { ...writer },
      ingest: {
        accepted: ingest.accepted,
        waveformSamples: ingest.waveformSamples,
        rejected: ingest.rejected,
        undecodable: ingest.undecodable,
      },
    };
  }

  status(): HubStatusEvent {
    const memory = process.memoryUsage();
    const ingest = this.context.ingest.stats();
    return {
      ts: this.clock.now(),
      uptimeS: Math.round((this.clock.now() - this.startedAt) / 1000),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopLagMs: this.loopDelay === undefined ? 0 : Math.round(this.loopDelay.percentile(99) / 1e6),
      readingsAccepted: ingest.accepted,
      readingsRejected: ingest.rejected.total,
    };
  }

  private readonly extraJobs: ScheduledJob[] = [];

  private buildContext(): HubContext {
    const { config, logging } = this.options;
    migrate(this.store.db, 'household', householdMigrations);
    migrate(this.store.db, 'ingest', ingestMigrations);
    const registry = new HouseholdRegistry(this.store.db, this.clock);
    registry.applyConfig(config.household.people, config.household.devices);
    const gate = new IngestGate({
      clock: this.clock,
      bus: this.bus,
      sink: this.store.writer,
      people: registry,
      duplicates: new DeviceHistoryDedupe(storedReadingLookup(this.store.query)),
      logger: logging.part('ingest'),
      maxFutureSkewMs: config.ingest.maxFutureSkewMs,
    });
    const http = createHttpServer({ ...config.http, logger: logging.part('http') });
    const routes: HubRoute[] = [];
    this.routeList = routes;
    http.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    });
    return {
      config,
      clock: this.clock,
      logging,
      bus: this.bus,
      store: this.store,
      registry,
      ingest: new Ingest({ gate, devices: registry, bus: this.bus, logger: logging.part('ingest') }),
      http,
      addJob: (job) => this.extraJobs.push(job),
      health: () => this.health(),
      services: createHubServices(),
    };
  }

  private coreJobs(): ScheduledJob[] {
    const jobs: ScheduledJob[] = [
      {
        name: 'retention',
        schedule: '17 3 * * *',
        run: async () => this.log.info({ ...(await this.store.applyRetention(this.clock.now())) }, 'retention applied'),
      },
      {
        name: 'status',
        schedule: '*/10 * * * *',
        run: () => {
          const status = this.status();
          this.bus.emit('hub.status', status);
          this.log.info({ ...status }, 'hub status');
        },
      },
    ];
    return jobs;
  }

  /** Every job with the schedule the config gives it, if any. */
  private scheduledJobs(): ScheduledJob[] {
    const schedules = this.options.config.scheduler.jobs;
    const jobs = [...this.coreJobs(), ...this.extraJobs];
    const unknown = Object.keys(schedules).filter((name) => !jobs.some((j) => j.name === name));
    if (unknown.length > 0) this.log.warn({ unknown }, 'scheduler.jobs names jobs this hub does not have');
    return jobs.map((job) => ({ ...job, schedule: schedules[job.name] ?? job.schedule }));
  }

  private async listen(server: FastifyInstance): Promise<void> {
    const { http } = this.options.config;
    this.address = await listen(server, { host: http.host, port: http.port, logger: this.options.logging.part('http') });
  }

  private async startPart(part: HubPart): Promise<void> {
    await part.start();
    this.started.push(part);
  }
}
