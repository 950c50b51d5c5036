import { Backoff, type BackoffPolicy } from '../../../core/backoff.js';
import type { Clock } from '../../../core/clock.js';
import type { Scheduler } from '../../../core/scheduler.js';
import { PacketBatcher, type OximeterBatch } from '../packet-batcher.js';
import type { SerialDriver } from '../serial-driver.js';
import type { FramingStats, SerialStreamDecoder } from '../stream-decoder.js';
import type { SerialConnection, SerialOpener } from './serial-connection.js';
import { portStatus, type SerialReadingSink } from './serial-reading-sink.js';

/** Reopening a port: quick at first, then at most every 30 s. */
export const defaultBackoff: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.3 };

export interface PortSessionOptions {
  readonly path: string;
  readonly deviceId: string;
  readonly driver: SerialDriver;
  readonly sink: SerialReadingSink;
  readonly open: SerialOpener;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  /** Seconds of device time per submitted batch. */
  readonly batchSeconds?: number;
}

export type PortSessionState = 'idle' | 'opening' | 'open' | 'waiting' | 'stopped';

export interface PortSessionStats extends FramingStats {
  readonly opens: number;
}

/**
 * Keeps one serial port open for one driver: opens it with the driver's settings, sends the start
 * command and keep-alives, decodes what arrives into the sink, and reopens with backoff when the
 * port fails or goes away. The constructor only keeps its options; `start()` begins.
 */
export class PortSession {
  private state: PortSessionState = 'idle';
  private connection: SerialConnection | undefined;
  private decoder: SerialStreamDecoder | undefined;
  private cancelTimer: (() => void) | undefined;
  private cancelKeepAlive: (() => void) | undefined;
  private readonly backoff: Backoff;
  private opens = 0;
  private stopRequested = false;
  private previousStats: FramingStats = { packets: 0, framingErrors: 0, discardedBytes: 0 };
  private readonly stateListeners = new Set<(state: PortSessionState) => void>();

  constructor(private readonly options: PortSessionOptions) {
    this.backoff = new Backoff(options.backoff ?? defaultBackoff, options.random);
  }

  get currentState(): PortSessionState {
    return this.state;
  }

  /** Framing figures over every connection of this session. */
  stats(): PortSessionStats {
    const current = this.decoder?.stats() ?? { packets: 0, framingErrors: 0, discardedBytes: 0 };
    return {
      packets: this.previousStats.packets + current.packets,
      framingErrors: this.previousStats.framingErrors + current.framingErrors,
      discardedBytes: this.previousStats.discardedBytes + current.discardedBytes,
      opens: this.opens,
    };
  }

  /** Registers a listener of state changes; returns its unsubscribe function. */
  onStateChange(listener: (state: PortSessionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.state !== 'idle') return;
    await this.openNow();
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    this.setState('stopped');
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.stopKeepAlive();
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  private async openNow(): Promise<void> {
    if (this.stopRequested) return;
    this.setState('opening');
    const { path, driver } = this.options;
    const decoder = driver.createDecoder();
    const batchPackets = Math.max(1, Math.round(decoder.packetsPerSecond * (this.options.batchSeconds ?? 1)));
    const batcher = new PacketBatcher(batchPackets, decoder.plethRateHz);
    let connection: SerialConnection;
    try {
      connection = await this.options.open(path, driver.settings, {
        onData: (chunk) => this.receive(decoder, batcher, chunk),
        onClose: (reason) => this.closed(connection, batcher, reason),
      });
    } catch (error) {
      const delay = this.backoff.next();
      this.options.sink.status(this.options.deviceId, portStatus.openFailed(path, describe(error), delay));
      this.retryAfter(delay);
      return;
    }
    if (this.stopRequested) {
      await connection.close();
      return;
    }
    this.absorbStats();
    this.connection = connection;
    this.decoder = decoder;
    this.opens += 1;
    this.setState('open');
    this.options.sink.status(this.options.deviceId, portStatus.connected(path));
    for (const command of driver.startCommands) connection.write(command);
    this.scheduleKeepAlive(connection);
  }

  private receive(decoder: SerialStreamDecoder, batcher: PacketBatcher, chunk: Uint8Array): void {
    const packets = decoder.push(chunk);
    if (packets.length === 0) return;
    // The device speaks: the link is healthy, so the next failure starts from a short delay again.
    this.backoff.reset();
    const { batches, statusChanges } = batcher.add(packets);
    for (const report of statusChanges) this.options.sink.status(this.options.deviceId, report);
    for (const batch of batches) this.submit(batch);
  }

  private submit(batch: OximeterBatch): void {
    if (batch.readings.length === 0 && batch.waveforms.length === 0) return;
    this.options.sink.submit({
      deviceId: this.options.deviceId,
      readings: batch.readings,
      ...(batch.waveforms.length > 0 ? { waveforms: batch.waveforms } : {}),
      receivedAt: this.options.clock.now(),
    });
  }

  private closed(connection: SerialConnection | undefined, batcher: PacketBatcher, reason: string): void {
    if (connection !== undefined && connection !== this.connection) return;
    this.connection = undefined;
    this.stopKeepAlive();
    const rest = batcher.flush();
    if (rest !== undefined) this.submit(rest);
    if (this.stopRequested) return;
    this.options.sink.status(this.options.deviceId, portStatus.disconnected(this.options.path, reason));
    this.retryAfter(this.backoff.next());
  }

  private retryAfter(delayMs: number): void {
    if (this.stopRequested) return;
    this.setState('waiting');
    this.cancelTimer = this.options.scheduler.after(delayMs, () => {
      this.cancelTimer = undefined;
      void this.openNow();
    });
  }

  private scheduleKeepAlive(connection: SerialConnection): void {
    const keepAlive = this.options.driver.keepAlive;
    if (keepAlive === undefined) return;
    this.cancelKeepAlive = this.options.scheduler.after(keepAlive.intervalMs, () => {
      if (this.connection !== connection) return;
      connection.write(keepAlive.command);
      this.scheduleKeepAlive(connection);
    });
  }

  private stopKeepAlive(): void {
    this.cancelKeepAlive?.();
    this.cancelKeepAlive = undefined;
  }

  private absorbStats(): void {
    if (this.decoder === undefined) return;
    const last = this.decoder.stats();
    this.previousStats = {
      packets: this.previousStats.packets + last.packets,
      framingErrors: this.previousStats.framingErrors + last.framingErrors,
      discardedBytes: this.previousStats.discardedBytes + last.discardedBytes,
    };
    this.decoder = undefined;
  }

  private setState(state: PortSessionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
