import type { FastifyInstance } from 'fastify';
import type { HubBus } from '../bus/hub-events.js';
import type { HubConfig } from '../config/hub-config.js';
import type { Clock } from '../../core/clock.js';
import type { HouseholdRegistry } from '../household/household-registry.js';
import type { Ingest } from '../ingest/ingest.js';
import type { HubLogging } from '../log/logger.js';
import type { ScheduledJob } from '../scheduler/job-scheduler.js';
import type { HubServices } from '../services/hub-services.js';
import type { Store } from '../store/index.js';
import type { HealthReport } from './health-report.js';

/**
 * A part of the hub with a life of its own (Zigbee2MQTT's extensions): its constructor only keeps
 * its arguments; `start` brings it up, `stop` takes it down and undoes everything `start` did.
 * Bus listeners registered with the part's name as owner are removed when it stops.
 */
export interface HubPart {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Called once every part has started, sources too: the simulated household's people and the
   * paired devices are known by then, so a part that catches up on what happened while the hub
   * was off does it here. A failure is logged; the hub runs on.
   */
  ready?(): void;
}

/** What the hub's core offers the parts built on it. */
export interface HubContext {
  readonly config: HubConfig;
  readonly clock: Clock;
  readonly logging: HubLogging;
  readonly bus: HubBus;
  readonly store: Store;
  readonly registry: HouseholdRegistry;
  /** The one way in for readings and device bytes, whatever their source. */
  readonly ingest: Ingest;
  /** Register routes here during `start`; the server listens after every part has started. */
  readonly http: FastifyInstance;
  /** Add periodic jobs here during `start`; the scheduler starts after the parts. */
  addJob(job: ScheduledJob): void;
  /** The hub's own health figures, for parts that report them (metrics, status topics). */
  health(): HealthReport;
  /** What parts offer each other (the alerts view, insights, metrics): typed, made by the core. */
  readonly services: HubServices;
}

/** Makes a part from the context, or returns undefined when the config leaves it off. */
export type HubPartFactory = (context: HubContext) => HubPart | undefined;
