import type { Logger } from 'pino';
import type { BackoffPolicy } from '../../../core/backoff.js';
import type { Clock } from '../../../core/clock.js';
import { makeDeviceId } from '../../../core/device-id.js';
import type { Scheduler } from '../../../core/scheduler.js';
import type { AdvertisementDriver, BleDriver, ConnectedDriver } from '../drivers/ble-driver.js';
import { shortUuid } from '../drivers/ble-driver.js';
import { matchDriver, type AdvertisedData } from '../drivers/driver-matching.js';
import { AdvertisementFilter } from './advertisement-filter.js';
import { AvailabilityTracker } from './availability-tracker.js';
import type { BleDeviceEvents } from './ble-device-events.js';
import type { BleReadingSink } from './ble-reading-sink.js';
import { ConnectionManager, type LinkOutcome } from './connection-manager.js';
import { GattError, GattOperations } from './gatt-operations.js';
import { GattSession, type DeviceDetails } from './gatt-session.js';
import { downloadGlucoseRecords } from './glucose-download.js';
import type { GlucoseSequences } from './glucose-sequences.js';
import type { NobleCentral, NoblePeripheral } from './noble-types.js';
import { startPolarEcg } from './polar-ecg.js';
import { Scanner } from './scanner.js';

/** The household registry as the runtime needs it. */
export interface BleDeviceRegistry {
  device(id: string): unknown;
  noteDeviceSeen(id: string, driver: string): unknown;
}

export interface BleRuntimeOptions {
  readonly noble: NobleCentral;
  readonly drivers: readonly BleDriver[];
  readonly sink: BleReadingSink;
  readonly registry: BleDeviceRegistry;
  readonly events: BleDeviceEvents;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly sequences: GlucoseSequences;
  readonly maxConnections: number;
  readonly scanWatchdogMs: number;
  readonly unavailableAfterMs: number;
  /** Encrypted BTHome keys by MAC address. */
  readonly bindKeys?: Readonly<Record<string, string>>;
  /** Deadline of each GATT step. */
  readonly gattTimeoutMs?: number;
  readonly reconnectBackoff?: BackoffPolicy;
  readonly settleMs?: number;
  readonly random?: () => number;
}


/** A device's signal as last heard: RSSI in dBm and when. */
export interface HeardSignal {
  readonly rssi: number;
  readonly ts: number;
}

/** Bluetooth's "RSSI not available" is 127; anything outside this span is no measurement. */
function isRssi(value: number): boolean {
  return Number.isFinite(value) && value > -128 && value < 21;
}

function advertisedData(peripheral: NoblePeripheral): AdvertisedData {
  const ad = peripheral.advertisement;
  return {
    ...(ad.localName !== undefined ? { localName: ad.localName } : {}),
    serviceUuids: ad.serviceUuids ?? [],
    serviceData: (ad.serviceData ?? []).map((d) => ({ uuid: d.uuid, data: new Uint8Array(d.data) })),
    ...(ad.manufacturerData !== undefined ? { manufacturerData: new Uint8Array(ad.manufacturerData) } : {}),
  };
}

/**
 * The BLE side of the hub: scans, matches advertisements to drivers, admits new devices while a
 * pairing window is open, decodes advertisement-only devices, holds links to the others within
 * the radio's limit, and reports availability. Everything it hears goes to the sink undecoded or
 * as decoded readings; it never writes to the store itself.
 */
export class BleRuntime {
  private readonly scanner: Scanner;
  private readonly connections: ConnectionManager;
  private readonly availability: AvailabilityTracker;
  private readonly filter = new AdvertisementFilter();
  private readonly ops: GattOperations;
  private readonly mentioned = new Set<string>();
  private readonly linked = new Map<string, NoblePeripheral>();
  private readonly signals = new Map<string, HeardSignal>();
  readonly details = new Map<string, DeviceDetails>();
  private pairingUntil: number | undefined;
  private cancelPairingClose: (() => void) | undefined;

  constructor(private readonly options: BleRuntimeOptions) {
    this.ops = new GattOperations(options.scheduler, options.gattTimeoutMs ?? 15_000);
    this.scanner = new Scanner({
      noble: options.noble,
      clock: options.clock,
      scheduler: options.scheduler,
      logger: options.logger,
      watchdogMs: options.scanWatchdogMs,
      onAdvertisement: (p) => this.onAdvertisement(p),
    });
    this.connections = new ConnectionManager({
      maxConnections: options.maxConnections,
      clock: options.clock,
      logger: options.logger,
      backoff: options.reconnectBackoff ?? { initialMs: 2000, maxMs: 5 * 60_000, factor: 2, jitter: 0.3 },
      settleMs: options.settleMs ?? 30_000,
      ...(options.random !== undefined ? { random: options.random } : {}),
    });
    this.availability = new AvailabilityTracker({
      clock: options.clock,
      scheduler: options.scheduler,
      defaultTimeoutMs: options.unavailableAfterMs,
      onChange: (deviceId, available, ts) => {
        options.logger.info({ deviceId, available }, available ? 'BLE device available' : 'BLE device unavailable');
        options.events.availability({ deviceId, available, ts });
      },
    });
  }

  start(): void {
    this.scanner.start();
    this.availability.start();
  }

  async stop(): Promise<void> {
    this.connections.stop();
    this.scanner.stop();
    this.availability.stop();
    this.cancelPairingClose?.();
    const links = [...this.linked.values()];
    await Promise.all(links.map((p) => new Promise<void>((resolve) => {
      const cancel = this.options.scheduler.after(2000, resolve);
      p.disconnect(() => {
        cancel();
        resolve();
      });
    })));
  }

  get pairing(): boolean {
    return this.pairingUntil !== undefined;
  }

  /** The signal of a household device's newest advertisement; undefined for one not heard since the runtime started. */
  signal(deviceId: string): HeardSignal | undefined {
    return this.signals.get(deviceId);
  }

  get activeLinks(): number {
    return this.connections.active;
  }

  /** Opens or closes the window in which new devices are admitted (the API's permit-join). */
  setPairing(open: boolean, until?: number): void {
    this.cancelPairingClose?.();
    this.cancelPairingClose = undefined;
    this.pairingUntil = open ? (until ?? Number.POSITIVE_INFINITY) : undefined;
    if (open && until !== undefined) {
      this.cancelPairingClose = this.options.scheduler.after(Math.max(0, until - this.options.clock.now()), () => this.setPairing(false));
    }
    this.scanner.setMode(open ? 'pairing' : 'passive');
  }

  private onAdvertisement(peripheral: NoblePeripheral): void {
    const ad = advertisedData(peripheral);
    const driver = matchDriver(this.options.drivers, ad);
    const deviceId = makeDeviceId('ble', peripheral.address);
    if (driver === undefined) return;
    const { registry, events, clock, logger } = this.options;
    if (registry.device(deviceId) === undefined) {
      if (!this.pairing) {
        if (!this.mentioned.has(deviceId)) logger.debug({ deviceId, driver: driver.id }, 'new BLE device heard; open pairing to add it');
        this.mentioned.add(deviceId);
        return;
      }
      registry.noteDeviceSeen(deviceId, driver.id);
      logger.info({ deviceId, driver: driver.id }, 'BLE device added while pairing');
      events.discovered({
        deviceId,
        driver: driver.id,
        ...(ad.localName !== undefined ? { name: ad.localName } : {}),
        rssi: peripheral.rssi,
        ts: clock.now(),
      });
    } else {
      registry.noteDeviceSeen(deviceId, driver.id);
    }
    if (isRssi(peripheral.rssi)) this.signals.set(deviceId, { rssi: peripheral.rssi, ts: clock.now() });
    this.availability.heard(deviceId, driver.unavailableAfterMs);
    if (driver.kind === 'advertisement') this.onMeasurementAdvertisement(deviceId, peripheral, ad, driver);
    else if (peripheral.connectable) this.connections.offer(deviceId, () => this.link(deviceId, peripheral, driver));
  }

  private onMeasurementAdvertisement(deviceId: string, peripheral: NoblePeripheral, ad: AdvertisedData, driver: AdvertisementDriver): void {
    const data = ad.serviceData.find((d) => shortUuid(d.uuid) === shortUuid(driver.serviceData.uuid));
    if (data === undefined || !this.filter.fresh(deviceId, data.data)) return;
    if (!this.filter.counterAdvances(deviceId, data.data)) {
      this.options.logger.warn({ deviceId }, 'BTHome advertisement with an old counter refused (replayed?)');
      return;
    }
    const keyHex = driver.usesBindKey === true ? this.bindKeyFor(peripheral.address) : undefined;
    this.options.sink.packet({
      deviceId,
      formatId: driver.serviceData.formatId,
      bytes: data.data,
      at: this.options.clock.now(),
      decodeOptions: { mac: peripheral.address.toUpperCase(), ...(keyHex !== undefined ? { key: Buffer.from(keyHex, 'hex') } : {}) },
    });
  }

  private bindKeyFor(address: string): string | undefined {
    const keys = this.options.bindKeys ?? {};
    const wanted = address.toLowerCase();
    return Object.entries(keys).find(([mac]) => mac.toLowerCase() === wanted)?.[1];
  }

  /** One link: connect, run the driver's session, stay until the device or the hub ends it. */
  private async link(deviceId: string, peripheral: NoblePeripheral, driver: ConnectedDriver): Promise<LinkOutcome> {
    const { logger, sink, clock, scheduler } = this.options;
    await this.ops.connect(peripheral);
    this.linked.set(deviceId, peripheral);
    this.availability.linked(deviceId, true);
    this.options.events.connection({ deviceId, connected: true, ts: clock.now() });
    logger.info({ deviceId, driver: driver.id }, 'BLE device connected');
    const ended = new Promise<void>((resolve) => peripheral.once('disconnect', () => resolve()));
    const session = new GattSession({
      deviceId,
      peripheral,
      driver,
      ops: this.ops,
      sink,
      clock,
      logger,
      heard: () => this.availability.heard(deviceId),
    });
    let established = false;
    try {
      const setUp = (async () => {
        await session.start();
        if (driver.procedure === 'glucose-racp-download') {
          await downloadGlucoseRecords({ deviceId, session, ops: this.ops, sequences: this.options.sequences, clock, logger });
        } else if (driver.procedure === 'polar-pmd-ecg') {
          await startPolarEcg(session, this.ops);
        }
      })();
      const dropped = ended.then(() => {
        throw new GattError('the link dropped during set-up');
      });
      await Promise.race([setUp, dropped]);
      established = true;
      this.details.set(deviceId, { ...session.details });
      logger.debug({ deviceId, ...session.details }, 'BLE device details');
      await ended;
      logger.info({ deviceId }, 'BLE device disconnected');
      return { established };
    } catch (error) {
      if (peripheral.state === 'connected') {
        peripheral.disconnect();
        // Wait for the link to go before another attempt may start.
        await Promise.race([ended, new Promise<void>((resolve) => scheduler.after(2000, resolve))]);
      }
      return { established, error: error as Error };
    } finally {
      session.close();
      this.linked.delete(deviceId);
      this.availability.linked(deviceId, false);
      this.options.events.connection({ deviceId, connected: false, ts: clock.now() });
    }
  }
}
