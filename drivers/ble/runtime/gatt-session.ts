import type { Logger } from 'pino';
import type { Clock } from '../../../core/clock.js';
import type { DecodedReading, DecodedWaveform, DecodeOptions } from '../../format.js';
import { BerryMedBciStreamDecoder, BCI_PACKETS_PER_SECOND } from '../../serial/berrymed-bci.js';
import { PacketBatcher } from '../../serial/packet-batcher.js';
import type { ConnectedDriver, GattStream } from '../drivers/ble-driver.js';
import { CHARACTERISTIC, SERVICE } from '../drivers/sig-services.js';
import type { BleReadingSink } from './ble-reading-sink.js';
import { currentTimeBytes, hubUtcOffsetMinutes, localTimeOffsetMinutes } from './device-clock.js';
import { GattError, type GattOperations } from './gatt-operations.js';
import { GattTable } from './gatt-table.js';
import type { NobleCharacteristic, NoblePeripheral } from './noble-types.js';

export interface GattSessionContext {
  readonly deviceId: string;
  readonly peripheral: NoblePeripheral;
  readonly driver: ConnectedDriver;
  readonly ops: GattOperations;
  readonly sink: BleReadingSink;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called on every notification: the device is alive. */
  readonly heard: () => void;
}

/** What a session learnt about the device (Device Information, clock). */
export interface DeviceDetails {
  manufacturer?: string;
  model?: string;
  utcOffsetMinutes?: number;
  clockSet?: boolean;
}

const textOf = (bytes: Uint8Array): string => new TextDecoder().decode(bytes).replace(/[\0\s]+$/, '');

/**
 * One connection's conversation with a device, as its driver describes it: discovery, Device
 * Information, the device clock, battery, the driver's reads and subscriptions. Procedures
 * (glucose download, Polar ECG) run afterwards on the table this builds.
 */
export class GattSession {
  readonly details: DeviceDetails = {};
  private table: GattTable | undefined;
  private readonly detach: (() => void)[] = [];
  private readonly flushers: (() => void)[] = [];

  constructor(private readonly context: GattSessionContext) {}

  get gatt(): GattTable {
    if (this.table === undefined) throw new Error('the session has not started');
    return this.table;
  }

  async start(): Promise<void> {
    const { peripheral, ops } = this.context;
    this.table = await GattTable.discover(peripheral, ops);
    await this.readDeviceInformation();
    await this.syncClock();
    await this.readBattery();
    for (const read of this.context.driver.reads ?? []) {
      const characteristic = this.gatt.find(read.service, read.characteristic);
      if (characteristic === undefined) {
        if (read.optional === true) continue;
        throw new GattError(`the device has no ${read.characteristic} characteristic`);
      }
      const bytes = await this.optional(ops.read(characteristic));
      if (bytes !== undefined) this.packet(read.formatId, bytes);
    }
    for (const stream of this.context.driver.streams) await this.subscribe(stream);
  }

  /** Subscribes to a characteristic outside the driver's streams (a procedure's control point). */
  async listen(service: string, characteristicUuid: string, onData: (bytes: Uint8Array) => void): Promise<NobleCharacteristic> {
    const characteristic = this.gatt.find(service, characteristicUuid);
    if (characteristic === undefined) throw new GattError(`the device has no ${characteristicUuid} characteristic`);
    this.attach(characteristic, onData);
    await this.context.ops.subscribe(characteristic);
    return characteristic;
  }

  /** Stops listening; a byte stream's last partial second is handed on. */
  close(): void {
    for (const flush of this.flushers.splice(0)) flush();
    for (const off of this.detach.splice(0)) off();
  }

  decodeOptions(): DecodeOptions {
    return {
      mac: this.context.peripheral.address.toUpperCase(),
      ...(this.details.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: this.details.utcOffsetMinutes } : {}),
    };
  }

  private async subscribe(stream: GattStream): Promise<void> {
    const characteristic = this.gatt.find(stream.service, stream.characteristic);
    if (characteristic === undefined) {
      if (stream.optional === true) return;
      throw new GattError(`the device has no ${stream.characteristic} characteristic`);
    }
    this.attach(characteristic, stream.framing === 'berrymed-bci' ? this.berryMedStream() : (bytes) => this.packet(stream.formatId, bytes));
    await this.context.ops.subscribe(characteristic);
  }

  private attach(characteristic: NobleCharacteristic, onData: (bytes: Uint8Array) => void): void {
    const listener = (data: Buffer, isNotification: boolean): void => {
      if (!isNotification) return;
      this.context.heard();
      onData(new Uint8Array(data));
    };
    characteristic.on('data', listener);
    this.detach.push(() => characteristic.removeListener('data', listener));
  }

  private packet(formatId: string, bytes: Uint8Array): void {
    this.context.sink.packet({ deviceId: this.context.deviceId, formatId, bytes, at: this.context.clock.now(), decodeOptions: this.decodeOptions() });
  }

  /** BCI packets straddle notifications: reframe them and pass one batch per second of device time. */
  private berryMedStream(): (bytes: Uint8Array) => void {
    const decoder = new BerryMedBciStreamDecoder();
    const batcher = new PacketBatcher(BCI_PACKETS_PER_SECOND, decoder.plethRateHz);
    const { sink, deviceId, clock } = this.context;
    const submit = (batch: { readings: readonly DecodedReading[]; waveforms: readonly DecodedWaveform[] }): void =>
      sink.decoded({ deviceId, readings: batch.readings, waveforms: batch.waveforms, receivedAt: clock.now() });
    this.flushers.push(() => {
      const rest = batcher.flush();
      if (rest !== undefined) submit(rest);
    });
    return (bytes) => {
      const out = batcher.add(decoder.push(bytes));
      for (const status of out.statusChanges) sink.status(deviceId, status, clock.now());
      for (const batch of out.batches) submit(batch);
    };
  }

  private async readDeviceInformation(): Promise<void> {
    const manufacturer = this.gatt.find(SERVICE.deviceInformation, CHARACTERISTIC.manufacturerName);
    const model = this.gatt.find(SERVICE.deviceInformation, CHARACTERISTIC.modelNumber);
    if (manufacturer !== undefined) {
      const bytes = await this.optional(this.context.ops.read(manufacturer));
      if (bytes !== undefined) this.details.manufacturer = textOf(bytes);
    }
    if (model !== undefined) {
      const bytes = await this.optional(this.context.ops.read(model));
      if (bytes !== undefined) this.details.model = textOf(bytes);
    }
  }

  /** The device's zone when it says it (Local Time Information); its clock set when it allows writes. */
  private async syncClock(): Promise<void> {
    const localTime = this.gatt.find(SERVICE.currentTime, CHARACTERISTIC.localTimeInformation);
    if (localTime !== undefined) {
      const bytes = await this.optional(this.context.ops.read(localTime));
      const offset = bytes !== undefined ? localTimeOffsetMinutes(bytes) : undefined;
      if (offset !== undefined) this.details.utcOffsetMinutes = offset;
    }
    const currentTime = this.gatt.find(SERVICE.currentTime, CHARACTERISTIC.currentTime);
    if (currentTime === undefined || !currentTime.properties.includes('write')) return;
    const now = this.context.clock.now();
    const offset = this.details.utcOffsetMinutes ?? hubUtcOffsetMinutes(now);
    const written = await this.optional(this.context.ops.write(currentTime, currentTimeBytes(now, offset)));
    this.details.clockSet = written !== undefined;
  }

  private async readBattery(): Promise<void> {
    const battery = this.gatt.find(SERVICE.battery, CHARACTERISTIC.batteryLevel);
    if (battery === undefined) return;
    const bytes = await this.optional(this.context.ops.read(battery));
    if (bytes !== undefined) this.packet('2a19', bytes);
    if (battery.properties.includes('notify')) {
      this.attach(battery, (b) => this.packet('2a19', b));
      await this.optional(this.context.ops.subscribe(battery));
    }
  }

  /** A step some devices refuse (an optional read, a clock that cannot be set): log and carry on. */
  private async optional<T>(step: Promise<T>): Promise<T | undefined> {
    try {
      const value = await step;
      return value ?? (true as T);
    } catch (error) {
      this.context.logger.debug({ deviceId: this.context.deviceId, err: (error as Error).message }, 'optional GATT step failed');
      return undefined;
    }
  }
}
