import path from 'node:path';
import type { BackoffPolicy } from '../../../core/backoff.js';
import type { Clock } from '../../../core/clock.js';
import type { Scheduler } from '../../../core/scheduler.js';
import type { DeviceStatusReport } from '../../format.js';
import type { SerialDriver } from '../serial-driver.js';
import { findSerialDriver, serialDrivers } from '../serial-drivers.js';
import { downloadContecLegacyRecording, type RecordingDownload } from './recording-download.js';
import { driversForUsbId, probePort, type ProbeOptions } from './driver-probe.js';
import { serialDeviceId, type SerialPortInfo, type SerialPortLister } from './port-info.js';
import { PortSession, type PortSessionStats } from './port-session.js';
import { PortWatcher } from './port-watcher.js';
import type { SerialOpener } from './serial-connection.js';
import type { SerialReadingSink } from './serial-reading-sink.js';

/** A port named in the config, typically a /dev/serial/by-id path; `driver` skips probing. */
export interface ConfiguredSerialPort {
  readonly path: string;
  readonly driver?: string;
}

export interface SerialRuntimeOptions {
  readonly sink: SerialReadingSink;
  readonly open: SerialOpener;
  readonly list: SerialPortLister;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly configuredPorts: readonly ConfiguredSerialPort[];
  /** Watch for USB-serial ports with a known bridge and probe them. */
  readonly discover: boolean;
  readonly pollIntervalMs: number;
  readonly probe: Pick<ProbeOptions, 'windowMs' | 'minPackets'>;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  readonly drivers?: readonly SerialDriver[];
}

export interface SerialSessionInfo {
  readonly deviceId: string;
  readonly path: string;
  readonly driver: string;
  readonly state: string;
  readonly stats: PortSessionStats;
}

const portRemoved = (where: string): DeviceStatusReport => ({ code: 'port_removed', message: `serial port ${where} went away` });
const noDriverMatched = (where: string): DeviceStatusReport => ({
  code: 'no_driver_matched',
  message: `no oximeter protocol recognised on ${where}`,
});

/**
 * The serial side of the hub: keeps a session on each configured port, and (when discovery is
 * on) notices USB-serial oximeters being plugged in or pulled out, probes them and starts or
 * stops their sessions. The constructor only keeps its options; `start()` begins.
 */
export class SerialRuntime {
  private readonly sessions = new Map<string, { session: PortSession; deviceId: string; driver: SerialDriver }>();
  private readonly probing = new Set<string>();
  private watcher: PortWatcher | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly options: SerialRuntimeOptions) {}

  async start(): Promise<void> {
    for (const port of this.options.configuredPorts) {
      const deviceId = serialDeviceId({ path: port.path, byIdName: byIdName(port.path) });
      const named = port.driver === undefined ? undefined : findSerialDriver(port.driver);
      if (port.driver !== undefined && named === undefined) {
        throw new Error(`serial port ${port.path}: unknown driver "${port.driver}"`);
      }
      if (named !== undefined) await this.startSession(port.path, deviceId, named);
      else void this.probeAndStart(port.path, deviceId, this.drivers(), true);
    }
    if (!this.options.discover) return;
    this.watcher = new PortWatcher(this.options.list, this.options.scheduler, this.options.pollIntervalMs);
    this.unsubscribe = this.watcher.onChange(({ added, removed }) => {
      for (const port of removed) void this.portRemoved(port);
      for (const port of added) this.portAdded(port);
    });
    await this.watcher.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    await this.watcher?.stop();
    await Promise.all([...this.sessions.values()].map(({ session }) => session.stop()));
    this.sessions.clear();
  }

  list(): SerialSessionInfo[] {
    return [...this.sessions.entries()].map(([portPath, { session, deviceId, driver }]) => ({
      deviceId,
      path: portPath,
      driver: driver.id,
      state: session.currentState,
      stats: session.stats(),
    }));
  }

  /**
   * Downloads the session a Contec legacy oximeter on `portPath` recorded, pausing its live session
   * meanwhile. The readings carry device-storage flags and times from `sessionStart`; the caller
   * hands them to the sink (or shows them first).
   */
  async downloadRecording(portPath: string, sessionStart: number, idleTimeoutMs = 3000): Promise<RecordingDownload> {
    const entry = this.sessions.get(portPath);
    if (entry !== undefined && entry.driver.id !== 'contec-legacy') {
      throw new Error(`${portPath} speaks ${entry.driver.id}; recorded sessions are downloaded from contec-legacy devices`);
    }
    if (entry !== undefined) {
      await entry.session.stop();
      this.sessions.delete(portPath);
    }
    try {
      return await downloadContecLegacyRecording({
        path: portPath,
        open: this.options.open,
        scheduler: this.options.scheduler,
        sessionStart,
        idleTimeoutMs,
      });
    } finally {
      if (entry !== undefined) await this.startSession(portPath, entry.deviceId, entry.driver);
    }
  }

  private drivers(): readonly SerialDriver[] {
    return this.options.drivers ?? serialDrivers;
  }

  private isConfigured(port: SerialPortInfo): boolean {
    return this.options.configuredPorts.some(
      (c) => c.path === port.path || (port.byIdName !== undefined && byIdName(c.path) === port.byIdName),
    );
  }

  private portAdded(port: SerialPortInfo): void {
    if (this.isConfigured(port) || this.sessions.has(port.path)) return;
    const candidates = driversForUsbId(port, this.drivers());
    // A port without a known oximeter bridge may be a Zigbee stick or a modem: never write to it.
    if (candidates.length === 0) return;
    void this.probeAndStart(port.path, serialDeviceId(port), candidates);
  }

  private async portRemoved(port: SerialPortInfo): Promise<void> {
    const entry = this.sessions.get(port.path);
    if (entry === undefined || this.isConfigured(port)) return;
    this.sessions.delete(port.path);
    await entry.session.stop();
    this.options.sink.status(entry.deviceId, portRemoved(port.path));
  }

  /** `retry`: a configured port stays wanted, so an unanswered probe is tried again a poll later. */
  private async probeAndStart(portPath: string, deviceId: string, candidates: readonly SerialDriver[], retry = false): Promise<void> {
    if (this.probing.has(portPath)) return;
    this.probing.add(portPath);
    try {
      const match = await probePort(portPath, candidates, { ...this.options.probe, open: this.options.open, scheduler: this.options.scheduler });
      if (this.stopped) return;
      if (match === undefined) {
        this.options.sink.status(deviceId, noDriverMatched(portPath));
        if (retry) {
          this.options.scheduler.after(this.options.pollIntervalMs, () => void this.probeAndStart(portPath, deviceId, candidates, retry));
        }
        return;
      }
      await this.startSession(portPath, deviceId, match.driver);
    } finally {
      this.probing.delete(portPath);
    }
  }

  private async startSession(portPath: string, deviceId: string, driver: SerialDriver): Promise<void> {
    if (this.stopped || this.sessions.has(portPath)) return;
    const session = new PortSession({
      path: portPath,
      deviceId,
      driver,
      sink: this.options.sink,
      open: this.options.open,
      scheduler: this.options.scheduler,
      clock: this.options.clock,
      ...(this.options.backoff !== undefined ? { backoff: this.options.backoff } : {}),
      ...(this.options.random !== undefined ? { random: this.options.random } : {}),
    });
    this.sessions.set(portPath, { session, deviceId, driver });
    await session.start();
  }
}

/** The by-id name when the path is a /dev/serial/by-id link, so the device id survives replugs. */
function byIdName(portPath: string): string | undefined {
  return path.dirname(portPath) === '/dev/serial/by-id' ? path.basename(portPath) : undefined;
}
