import { statSync } from 'node:fs';
import { collectDefaultMetrics, Counter, Gauge, Histogram } from 'prom-client';
import type { HubBus } from '../bus/hub-events.js';
import type { WriterStats } from '../store/index.js';
import type { LoopLag } from './loop-lag.js';
import type { MetricHooks } from '../services/metric-hooks.js';

export interface HubMetricSources {
  readonly bus: HubBus;
  /** Bus owner for the listeners, removed when the part stops. */
  readonly owner: string;
  readonly writer: () => WriterStats;
  /** Whether the writer's latest commit attempt failed (see StoreAlarm). */
  readonly writeFailing: () => boolean;
  readonly databaseFile: string;
  readonly webSocketClients: () => number | undefined;
  readonly loopLag: LoopLag;
  readonly uptimeS: () => number;
  readonly version: string;
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * The hub's figures in Prometheus form. Counts that happen one at a time (readings, rejections,
 * alerts, availability) are counted from the bus; the writer's figures are read from its stats,
 * and each flush since the last sample lands in the flush histograms (`sampleWriter`).
 */
export class HubMetrics {
  private readonly devices = new Map<string, boolean>();
  private readonly flushSeconds: Histogram;
  private readonly batchSize: Histogram;
  private lastFlushes = 0;
  private lastTotalFlushMs = 0;

  constructor(
    private readonly hooks: MetricHooks,
    private readonly sources: HubMetricSources,
  ) {
    const registers = [hooks.registry];
    const { bus, owner } = sources;
    collectDefaultMetrics({ register: hooks.registry, eventLoopMonitoringPrecision: 20 });
    // prom-client also sums the by-type handle, request and resource gauges into gauges named
    // `*_total`, a suffix Prometheus keeps for counters (promtool refuses them); `sum()` of the
    // by-type series gives the same figure.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) hooks.registry.removeSingleMetric(name);
    new Gauge({ name: 'hearth_info', help: 'The running hub', labelNames: ['version'], registers }).set({ version: sources.version }, 1);
    const uptime: Gauge = new Gauge({ name: 'hearth_uptime_seconds', help: 'Seconds since the hub started', registers, collect: () => uptime.set(sources.uptimeS()) });

    const accepted = new Counter({ name: 'hearth_readings_accepted_total', help: 'Readings accepted by the ingest gate, by metric', labelNames: ['metric'], registers });
    const waveforms = new Counter({ name: 'hearth_waveform_blocks_accepted_total', help: 'Waveform blocks accepted by the ingest gate, by metric', labelNames: ['metric'], registers });
    const rejected = new Counter({ name: 'hearth_readings_rejected_total', help: 'Readings the ingest gate refused, and messages refused whole (MQTT, gateways, HTTP, undecodable packets), by reason', labelNames: ['reason'], registers });
    bus.on('reading.accepted', owner, (reading) => accepted.inc({ metric: reading.metric }));
    bus.on('waveform.accepted', owner, (block) => waveforms.inc({ metric: block.metric }));
    bus.on('reading.rejected', owner, (r) => rejected.inc({ reason: r.reason }));

    const alerts = new Counter({ name: 'hearth_alerts_total', help: 'Alert changes from the alerts engine, by severity and change', labelNames: ['severity', 'change'], registers });
    bus.on('alert.changed', owner, (alert) => {
      // Counted as announced: an alert held by quiet hours counts once it is notified.
      if (alert.silent !== true) alerts.inc({ severity: alert.severity, change: alert.change ?? alert.state });
    });

    bus.on('device.availability', owner, (event) => this.devices.set(event.deviceId, event.available));
    const devices: Gauge = new Gauge({
      name: 'hearth_devices',
      help: 'Devices by their last reported availability',
      labelNames: ['state'],
      registers,
      collect: () => {
        let available = 0;
        for (const up of this.devices.values()) if (up) available++;
        devices.set({ state: 'available' }, available);
        devices.set({ state: 'unavailable' }, this.devices.size - available);
      },
    });

    const writerGauge = (name: string, help: string, read: (s: WriterStats) => number): void => {
      const gauge: Gauge = new Gauge({ name, help, registers, collect: () => gauge.set(read(sources.writer())) });
    };
    // The writer keeps its own running counts; each scrape copies them into a counter. A count that
    // went down (a writer started afresh) is what Prometheus takes for a counter reset.
    const writerCounter = (name: string, help: string, read: (s: WriterStats) => number): void => {
      const counter: Counter = new Counter({
        name,
        help,
        registers,
        collect: () => {
          counter.reset();
          counter.inc(read(sources.writer()));
        },
      });
    };
    writerGauge('hearth_store_queue_depth', 'Readings and waveform blocks waiting for their commit', (s) => s.queued);
    writerCounter('hearth_store_written_total', 'Readings and waveform blocks committed', (s) => s.written);
    writerCounter('hearth_store_duplicates_total', 'Readings already stored (re-sent history)', (s) => s.duplicates);
    writerCounter('hearth_store_flushes_total', 'Commits of the store writer', (s) => s.flushes);
    writerCounter('hearth_store_failed_flushes_total', 'Commits that failed (disk full, I/O error) and were retried', (s) => s.failedFlushes);
    writerCounter('hearth_store_dropped_total', 'Readings given up while the database could not be written', (s) => s.dropped);
    writerGauge('hearth_store_write_failing', '1 while the latest commit attempt failed', () => (sources.writeFailing() ? 1 : 0));
    const fileSize: Gauge = new Gauge({
      name: 'hearth_store_file_bytes',
      help: 'Size of the database file and its write-ahead log',
      registers,
      collect: () => fileSize.set(fileBytes(sources.databaseFile) + fileBytes(`${sources.databaseFile}-wal`)),
    });
    this.flushSeconds = new Histogram({
      name: 'hearth_store_flush_seconds',
      help: 'Time of one commit of the store writer (mean of the commits between samples)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'hearth_store_flush_batch_size',
      help: 'Items per commit of the store writer (the last commit of each sample)',
      buckets: [1, 10, 50, 100, 500, 1000, 2500, 5000],
      registers,
    });

    const mqtt: Gauge = new Gauge({
      name: 'hearth_mqtt_clients',
      help: 'Clients connected to the embedded MQTT broker',
      registers,
      collect: () => {
        const read = hooks.mqttClients;
        if (read !== undefined) mqtt.set(read());
      },
    });
    const sockets: Gauge = new Gauge({
      name: 'hearth_websocket_clients',
      help: 'Open WebSocket connections (dashboard live stream and GraphQL subscriptions)',
      registers,
      collect: () => {
        const n = sources.webSocketClients();
        if (n !== undefined) sockets.set(n);
      },
    });
    const lag: Gauge = new Gauge({
      name: 'hearth_event_loop_lag_seconds',
      help: 'Event-loop delay since the previous scrape',
      labelNames: ['stat'],
      registers,
      collect: () => {
        const window = sources.loopLag.takeWindow();
        lag.set({ stat: 'p99' }, window.p99Ms / 1000);
        lag.set({ stat: 'max' }, window.maxMs / 1000);
      },
    });
  }

  /** Moves the commits made since the previous call into the flush histograms. */
  sampleWriter(): void {
    const stats = this.sources.writer();
    const flushes = stats.flushes - this.lastFlushes;
    if (flushes > 0) {
      const meanMs = (stats.totalFlushMs - this.lastTotalFlushMs) / flushes;
      for (let i = 0; i < flushes; i++) this.flushSeconds.observe(meanMs / 1000);
      this.batchSize.observe(stats.lastBatchSize);
    }
    this.lastFlushes = stats.flushes;
    this.lastTotalFlushMs = stats.totalFlushMs;
  }

  async text(): Promise<string> {
    this.sampleWriter();
    return this.hooks.registry.metrics();
  }

  get contentType(): string {
    return this.hooks.registry.contentType;
  }
}
