import { performance } from 'node:perf_hooks';
import { TokenStore } from '../accounts/token-store.js';
import { HUB_VERSION } from '../daemon/version.js';
import type { HubContext, HubPart, HubPartFactory } from '../daemon/hub-part.js';
import { HubMetrics } from './hub-metrics.js';
import { LoopLag } from './loop-lag.js';
import { registerMetricsRoute, type TokenCheck } from './metrics-route.js';
import { systemdNotifier, watchdogIntervalMs, type ServiceNotifier } from './sd-notify.js';
import { StoreAlarm } from './store-alarm.js';
import { systemTimers, Watchdog, type Timers } from './watchdog.js';
import { WriterProgress, type MonotonicMs } from './writer-progress.js';

export const OBSERVABILITY_PART = 'observability';

/** How often the writer's figures are sampled into the histograms and the store alarm. */
const SAMPLE_MS = 1000;

export interface ObservabilityOptions {
  readonly notifier?: ServiceNotifier;
  /** The watchdog's ping interval; default from WATCHDOG_USEC (none when systemd set no watchdog). */
  readonly watchdogIntervalMs?: number;
  readonly timers?: Timers;
  readonly monotonic?: MonotonicMs;
}

/**
 * `/metrics`, the systemd notifications (READY once the hub listens, WATCHDOG while healthy,
 * STOPPING on the way down) and the store alarm. The self-health event every 10 minutes is the
 * core's `status` job (`hub.status` on the bus, retained on hearth/status by the MQTT part).
 */
export class ObservabilityPart implements HubPart {
  readonly name = OBSERVABILITY_PART;
  private readonly notifier: ServiceNotifier;
  private readonly timers: Timers;
  private readonly monotonic: MonotonicMs;
  private readonly metricsLag = new LoopLag();
  private readonly watchdogLag = new LoopLag();
  private sampler: unknown;
  private watchdog: Watchdog | undefined;
  private metrics: HubMetrics | undefined;
  private alarm: StoreAlarm | undefined;
  private readonly startedAt: number;

  constructor(
    private readonly context: HubContext,
    private readonly options: ObservabilityOptions = {},
  ) {
    this.notifier = options.notifier ?? systemdNotifier();
    this.timers = options.timers ?? systemTimers;
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.startedAt = this.monotonic();
  }

  async start(): Promise<void> {
    const { context } = this;
    const { config, store, bus, http, clock, services } = context;
    const log = context.logging.part(OBSERVABILITY_PART);
    const writer = () => store.writer.stats();
    const alarm = new StoreAlarm(bus, clock, writer);
    this.alarm = alarm;
    this.metricsLag.start();
    this.watchdogLag.start();
    const metrics = new HubMetrics(services.metrics, {
      bus,
      owner: OBSERVABILITY_PART,
      writer,
      writeFailing: () => alarm.raised,
      // The open file's own path; importing the daemon's constant here would make an import cycle.
      databaseFile: store.db.name,
      webSocketClients: () => (http as { websocketServer?: { clients: Set<unknown> } }).websocketServer?.clients.size,
      loopLag: this.metricsLag,
      uptimeS: () => Math.round((this.monotonic() - this.startedAt) / 1000),
      version: HUB_VERSION,
    });
    this.metrics = metrics;
    registerMetricsRoute(http, config.observability.metrics.access, this.tokenCheck(), metrics);
    this.sampler = this.timers.setInterval(() => {
      metrics.sampleWriter();
      alarm.check();
    }, SAMPLE_MS);

    if (this.notifier.active) {
      http.server.once('listening', () => {
        this.notifier.notify('READY=1').catch((error: unknown) => log.warn({ err: error }, 'could not tell systemd the hub is ready'));
      });
    }
    const interval = this.options.watchdogIntervalMs ?? watchdogIntervalMs();
    if (interval !== undefined && this.notifier.active) {
      const { maxLagMs, maxFlushWaitMs } = config.observability.watchdog;
      const progress = new WriterProgress(writer, this.monotonic, maxFlushWaitMs);
      this.watchdog = new Watchdog(
        this.notifier,
        () => {
          const lag = this.watchdogLag.takeWindow();
          if (lag.p99Ms > maxLagMs) return { healthy: false, reason: `event loop delayed ${Math.round(lag.p99Ms)} ms (p99)` };
          return progress.check();
        },
        interval,
        log,
        this.timers,
      );
      this.watchdog.start();
      log.info({ intervalMs: interval }, 'systemd watchdog on');
    }
  }

  async stop(): Promise<void> {
    this.watchdog?.stop();
    if (this.sampler !== undefined) this.timers.clearInterval(this.sampler);
    this.sampler = undefined;
    this.metricsLag.stop();
    this.watchdogLag.stop();
    await this.notifier.notify('STOPPING=1').catch(() => undefined);
  }

  /** The part's metrics text, for tests and tools that run the hub in-process. */
  async metricsText(): Promise<string> {
    if (this.metrics === undefined) throw new Error('the observability part is not started');
    return this.metrics.text();
  }

  get storeAlarmRaised(): boolean {
    return this.alarm?.raised ?? false;
  }

  /** API tokens with the read or admin scope, from the accounts tables when the API keeps them. */
  private tokenCheck(): TokenCheck {
    const tokens = new TokenStore(this.context.store.db, this.context.clock);
    return (token) => {
      try {
        const found = tokens.resolve(token);
        return found !== undefined && (found.scopes.includes('read') || found.scopes.includes('admin'));
      } catch {
        return false;
      }
    };
  }
}

export function observabilityPartFactory(options: ObservabilityOptions = {}): HubPartFactory {
  return (context) => (context.config.observability.enabled ? new ObservabilityPart(context, options) : undefined);
}

export const observabilityPart: HubPartFactory = observabilityPartFactory();
