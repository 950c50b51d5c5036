import { join } from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { SimulatedHousehold } from '../../drivers/sim/simulated-household.js';
import { registerHealthRoute, type HealthReport } from '../api/routes/health-route.js';
import { createHttpServer, listen } from '../api/http-server.js';
import { EventBus } from '../bus/event-bus.js';
import type { HubBus, HubEvents, HubStatusEvent } from '../bus/hub-events.js';
import type { HubConfig } from '../config/hub-config.js';
import { systemClock, type Clock } from '../core/clock.js';
import { HUB_VERSION } from '../core/version.js';
import { householdMigrations } from '../household/household-schema.js';
import { HouseholdRegistry } from '../household/household-registry.js';
import { DeviceHistoryDedupe } from '../ingest/device-history-dedupe.js';
import { DevicePacketIngest } from '../ingest/device-packet-ingest.js';
import { IngestGate } from '../ingest/ingest-gate.js';
import { storedReadingLookup } from '../ingest/stored-reading-lookup.js';
import { ingestMigrations, RejectionLedger } from '../ingest/rejection-ledger.js';
import type { HubLogging } from '../log/logger.js';
import { JobScheduler, type ScheduledJob } from '../scheduler/job-scheduler.js';
import { ReplaySource } from '../sources/replay-source.js';
import { SimulatedHouseholdSource } from '../sources/simulated-household-source.js';
import { migrate, Store } from '../store/index.js';

export interface HubOptions {
  readonly config: HubConfig;
  readonly logging: HubLogging;
  readonly clock?: Clock;
}

/** A part of the hub with a life of its own, started in order and stopped in reverse. */
interface Part {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const DATABASE_FILE = 'hearth.db';

/**
 * The daemon: composes store, household, gate, sources, scheduler and HTTP server from the config.
 * Constructing it does nothing; `start` brings the parts up in order and `stop` takes them down in
 * reverse, flushing every queued reading to disk.
 */
export class Hub {
  readonly bus: HubBus;
  readonly store: Store;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly started: Part[] = [];
  private startedAt = 0;
  private loopDelay: IntervalHistogram | undefined;
  private gateInstance: IngestGate | undefined;
  private registryInstance: HouseholdRegistry | undefined;
  private packetIngest: DevicePacketIngest | undefined;
  private server: FastifyInstance | undefined;
  private address: string | undefined;

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
      retention: { defaultRawDays: store.retention.rawDays, rawDaysByMetric: store.retention.perMetric },
    });
  }

  async start(): Promise<void> {
    const { config, logging } = this.options;
    this.startedAt = this.clock.now();
    this.loopDelay = monitorEventLoopDelay({ resolution: 20 });
    this.loopDelay.enable();
    this.log.info({ version: HUB_VERSION, dataDir: config.dataDir, pid: process.pid }, 'hub starting');
    try {
      await this.startPart({ name: 'store', start: () => this.store.start(), stop: () => this.store.stop() });
      migrate(this.store.db, 'household', householdMigrations);
      const registry = new HouseholdRegistry(this.store.db, this.clock);
      registry.applyConfig(config.household.people, config.household.devices);
      this.registryInstance = registry;
      const gate = new IngestGate({
        clock: this.clock,
        bus: this.bus,
        sink: this.store.writer,
        people: registry,
        duplicates: new DeviceHistoryDedupe(storedReadingLookup(this.store.db)),
        logger: logging.part('ingest'),
        maxFutureSkewMs: config.ingest.maxFutureSkewMs,
      });
      this.gateInstance = gate;
      migrate(this.store.db, 'ingest', ingestMigrations);
      const ledger = new RejectionLedger(this.store.db);
      this.bus.on('reading.rejected', 'rejection-ledger', (r) => ledger.note(this.clock.now(), r.reason, r.metric));
      await this.startPart(new NamedPart('rejection-ledger', new PeriodicTask(() => ledger.persist(), 5000)));
      this.packetIngest = new DevicePacketIngest(gate, this.bus, logging.part('ingest'));
      if (this.simulationWanted()) {
        await this.startPart(
          new NamedPart(
            'simulation',
            new SimulatedHouseholdSource({
              household: new SimulatedHousehold(config.simulation.seed),
              registry,
              ingest: this.packetIngest,
              clock: this.clock,
              logger: logging.part('simulation'),
            }),
          ),
        );
      }
      if (config.replay.enabled) {
        await this.startPart(
          new NamedPart(
            'replay',
            new ReplaySource({ ...config.replay, registry, gate, clock: this.clock, logger: logging.part('replay') }),
          ),
        );
      }
      await this.startPart(new NamedPart('scheduler', new JobScheduler(this.jobs(), logging.part('scheduler'))));
      await this.startPart({ name: 'http', start: () => this.startHttp(), stop: () => this.stopHttp() });
      this.log.info({ address: this.address }, 'hub started');
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    for (const part of this.started.splice(0).reverse()) {
      try {
        await part.stop();
        this.bus.removeOwner(part.name);
      } catch (error) {
        this.log.error({ part: part.name, err: error }, 'part failed to stop cleanly');
      }
    }
    this.loopDelay?.disable();
    this.log.info('hub stopped');
  }

  get gate(): IngestGate {
    if (this.gateInstance === undefined) throw new Error('the hub is not started');
    return this.gateInstance;
  }

  get registry(): HouseholdRegistry {
    if (this.registryInstance === undefined) throw new Error('the hub is not started');
    return this.registryInstance;
  }

  get packets(): DevicePacketIngest {
    if (this.packetIngest === undefined) throw new Error('the hub is not started');
    return this.packetIngest;
  }

  get listeningAddress(): string | undefined {
    return this.address;
  }

  health(): HealthReport {
    const writer = this.store.writer.stats();
    const problems: string[] = [];
    if (writer.lastError !== null) problems.push(`store writes are failing: ${writer.lastError}`);
    if (writer.dropped > 0) problems.push(`${writer.dropped} readings were dropped while the store could not be written`);
    const gate = this.gate.stats();
    return {
      status: problems.length === 0 ? 'ok' : 'degraded',
      version: HUB_VERSION,
      uptimeS: Math.round((this.clock.now() - this.startedAt) / 1000),
      problems,
      store: { ...this.store.query.stats() },
      writer: { ...writer },
      ingest: { accepted: gate.accepted, waveformSamples: gate.waveformSamples, rejected: gate.rejected, undecodable: this.packets.undecodableCount },
    };
  }

  status(): HubStatusEvent {
    const memory = process.memoryUsage();
    const gate = this.gate.stats();
    return {
      ts: this.clock.now(),
      uptimeS: Math.round((this.clock.now() - this.startedAt) / 1000),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopLagMs: this.loopDelay === undefined ? 0 : Math.round(this.loopDelay.percentile(99) / 1e6),
      readingsAccepted: gate.accepted,
      readingsRejected: gate.rejected.total,
    };
  }

  /** `auto`: simulate when no real device is configured, so a fresh box shows something alive. */
  private simulationWanted(): boolean {
    const { simulation, household, replay } = this.options.config;
    if (simulation.enabled === 'auto') return household.devices.length === 0 && !replay.enabled;
    return simulation.enabled;
  }

  private jobs(): ScheduledJob[] {
    const schedules = this.options.config.scheduler.jobs;
    const all: ScheduledJob[] = [
      {
        name: 'retention',
        schedule: schedules['retention'] ?? '17 3 * * *',
        run: async () => this.log.info({ ...(await this.store.applyRetention(this.clock.now())) }, 'retention applied'),
      },
      {
        name: 'status',
        schedule: schedules['status'] ?? '*/10 * * * *',
        run: () => {
          const status = this.status();
          this.bus.emit('hub.status', status);
          this.log.info({ ...status }, 'hub status');
        },
      },
    ];
    const unknown = Object.keys(schedules).filter((name) => !all.some((j) => j.name === name));
    if (unknown.length > 0) this.log.warn({ unknown }, 'scheduler.jobs names jobs this hub does not have');
    return all;
  }

  private async startHttp(): Promise<void> {
    const { http } = this.options.config;
    const options = { host: http.host, port: http.port, logger: this.options.logging.part('http') };
    const server = createHttpServer(options);
    registerHealthRoute(server, () => this.health());
    this.server = server;
    this.address = await listen(server, options);
  }

  private async stopHttp(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  private async startPart(part: Part): Promise<void> {
    await part.start();
    this.started.push(part);
  }
}

/** Runs `work` every `intervalMs`, and once more when stopped so nothing counted is lost. */
class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly work: () => void,
    private readonly intervalMs: number,
  ) {}
  async start(): Promise<void> {
    this.timer = setInterval(this.work, this.intervalMs);
    this.timer.unref();
  }
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.work();
  }
}

class NamedPart implements Part {
  constructor(
    readonly name: string,
    private readonly inner: { start(): Promise<void>; stop(): Promise<void> },
  ) {}
  start(): Promise<void> {
    return this.inner.start();
  }
  stop(): Promise<void> {
    return this.inner.stop();
  }
}
