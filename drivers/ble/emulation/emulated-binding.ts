import { EventEmitter } from 'node:events';
import type { Scheduler } from '../../../core/scheduler.js';
import {
  type EmulatedAdvertisement,
  type EmulatedCharacteristic,
  type EmulatedPeripheral,
  type PeripheralFault,
  type PeripheralLink,
} from './emulated-peripheral.js';

/** Timers that keep the process alive, as a real adapter's socket does while it has work pending. */
const radioScheduler: Scheduler = {
  after(delayMs, task) {
    const timer = setTimeout(task, delayMs);
    return () => clearTimeout(timer);
  },
};

export type AdapterState = 'poweredOn' | 'poweredOff' | 'unauthorized' | 'unsupported';

export interface EmulatedBindingOptions {
  readonly scheduler?: Scheduler;
  /** How often each peripheral in range advertises. */
  readonly advertiseIntervalMs?: number;
  /** Link-layer delay of a connection. */
  readonly connectDelayMs?: number;
  readonly random?: () => number;
  readonly initialState?: AdapterState;
}

interface Presence {
  readonly peripheral: EmulatedPeripheral;
  inRange: boolean;
  connected: boolean;
  connecting: boolean;
  fault: PeripheralFault | undefined;
  notificationsLeft: number;
  readonly subscriptions: Set<string>;
}

// HCI disconnect reasons as noble reports them.
const REMOTE_USER_TERMINATED = 0x13;
const LOCAL_HOST_TERMINATED = 0x16;
const SUPERVISION_TIMEOUT = 0x08;
/** Scan window ÷ interval below which scan responses are not asked for (passive scanning). */
const ACTIVE_DUTY_CYCLE = 0.5;

/**
 * A noble binding (the object noble's `with-bindings` entry takes) that serves emulated
 * peripherals, so the real noble code runs above it: advertisements, connect, discovery, read,
 * write, notify/indicate, disconnect — and the faults of real radios (links that drop mid-transfer,
 * garbage bytes, devices that never answer, an adapter that is off or stops reporting).
 */
export class EmulatedBinding extends EventEmitter {
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private readonly presences = new Map<string, Presence>();
  private state: AdapterState;
  private scanning = false;
  private stalled = false;
  private serviceFilter: readonly string[] = [];
  private dutyCycle = 1;
  private cancelAdvertising: (() => void) | undefined;
  /** Counters a test reads. */
  readonly counts = { scanStarts: 0, connects: 0, resets: 0 };

  constructor(peripherals: readonly EmulatedPeripheral[], private readonly options: EmulatedBindingOptions = {}) {
    super();
    this.scheduler = options.scheduler ?? radioScheduler;
    this.random = options.random ?? Math.random;
    this.state = options.initialState ?? 'poweredOn';
    for (const p of peripherals) this.add(p);
  }

  // ---- what a test or the demo does to the emulated world ----

  add(peripheral: EmulatedPeripheral): void {
    this.presences.set(peripheral.id, {
      peripheral,
      inRange: true,
      connected: false,
      connecting: false,
      fault: undefined,
      notificationsLeft: Infinity,
      subscriptions: new Set(),
    });
  }

  /** A device carried out of the house (or switched off): it stops advertising and its link drops. */
  setInRange(id: string, inRange: boolean): void {
    const presence = this.presence(id);
    presence.inRange = inRange;
    if (!inRange && presence.connected) this.dropLink(presence, SUPERVISION_TIMEOUT);
  }

  setFault(id: string, fault: PeripheralFault | undefined): void {
    const presence = this.presence(id);
    presence.fault = fault;
    presence.notificationsLeft = fault?.kind === 'drop-after' ? fault.notifications : Infinity;
  }

  setAdapterState(state: AdapterState): void {
    this.state = state;
    if (state !== 'poweredOn') {
      for (const presence of this.presences.values()) if (presence.connected) this.dropLink(presence, LOCAL_HOST_TERMINATED);
      this.haltScan();
    }
    this.later(() => this.emit('stateChange', state));
  }

  /** The adapter keeps "scanning" but reports nothing, until scanning is restarted. */
  stallScanning(): void {
    this.stalled = true;
  }

  isConnected(id: string): boolean {
    return this.presence(id).connected;
  }

  connectedCount(): number {
    return [...this.presences.values()].filter((p) => p.connected).length;
  }

  // ---- the noble binding interface ----

  init(): void {
    this.later(() => this.emit('stateChange', this.state));
  }

  setScanParameters(interval: number, window: number): void {
    this.dutyCycle = interval > 0 ? window / interval : 1;
    this.later(() => this.emit('scanParametersSet'));
  }

  startScanning(serviceUuids: readonly string[] | undefined, allowDuplicates: boolean): void {
    if (this.state !== 'poweredOn') return;
    this.counts.scanStarts++;
    this.serviceFilter = serviceUuids ?? [];
    this.scanning = true;
    this.stalled = false;
    this.cancelAdvertising?.();
    this.later(() => this.emit('scanStart', !allowDuplicates));
    this.scheduleAdvertising();
  }

  stopScanning(): void {
    this.haltScan();
    this.later(() => this.emit('scanStop'));
  }

  reset(): void {
    this.counts.resets++;
    this.haltScan();
    for (const presence of this.presences.values()) if (presence.connected) this.dropLink(presence, LOCAL_HOST_TERMINATED);
  }

  connect(id: string): void {
    const presence = this.presences.get(id);
    if (presence === undefined || this.state !== 'poweredOn') {
      this.later(() => this.emit('connect', id, new Error('the adapter cannot connect now')));
      return;
    }
    // A device out of range or unreachable never answers: the central's own timeout ends the attempt.
    if (!presence.inRange || presence.fault?.kind === 'unreachable') return;
    presence.connecting = true;
    this.scheduler.after(this.options.connectDelayMs ?? 5, () => {
      if (!presence.connecting) return;
      presence.connecting = false;
      // Gone while the central was connecting: the attempt never completes.
      if (!presence.inRange) return;
      presence.connected = true;
      presence.subscriptions.clear();
      this.counts.connects++;
      this.emit('connect', id, undefined);
      presence.peripheral.connected?.(this.linkFor(presence));
    });
  }

  cancelConnect(id: string): void {
    const presence = this.presences.get(id);
    if (presence !== undefined) presence.connecting = false;
  }

  disconnect(id: string): void {
    const presence = this.presences.get(id);
    if (presence === undefined || !presence.connected) {
      this.later(() => this.emit('disconnect', id, LOCAL_HOST_TERMINATED));
      return;
    }
    this.dropLink(presence, LOCAL_HOST_TERMINATED);
  }

  updateRssi(id: string): void {
    const presence = this.presence(id);
    this.later(() => this.emit('rssiUpdate', id, presence.peripheral.rssi));
  }

  discoverServices(id: string, uuids: readonly string[] | undefined): void {
    const presence = this.answering(id);
    if (presence === undefined) return;
    const all = presence.peripheral.services.map((s) => s.uuid);
    const wanted = uuids !== undefined && uuids.length > 0 ? all.filter((u) => uuids.includes(u)) : all;
    this.later(() => this.emit('servicesDiscover', id, wanted));
  }

  discoverIncludedServices(id: string, serviceUuid: string): void {
    if (this.answering(id) === undefined) return;
    this.later(() => this.emit('includedServicesDiscover', id, serviceUuid, []));
  }

  discoverCharacteristics(id: string, serviceUuid: string, uuids: readonly string[] | undefined): void {
    const presence = this.answering(id);
    const service = presence?.peripheral.services.find((s) => s.uuid === serviceUuid);
    if (presence === undefined || service === undefined) return;
    const found = service.characteristics
      .filter((c) => uuids === undefined || uuids.length === 0 || uuids.includes(c.uuid))
      .map((c) => ({ uuid: c.uuid, properties: [...c.properties] }));
    this.later(() => this.emit('characteristicsDiscover', id, serviceUuid, found));
  }

  discoverDescriptors(id: string, serviceUuid: string, characteristicUuid: string): void {
    const characteristic = this.characteristic(id, serviceUuid, characteristicUuid);
    if (characteristic === undefined) return;
    const cccd = characteristic.properties.includes('notify') || characteristic.properties.includes('indicate');
    this.later(() => this.emit('descriptorsDiscover', id, serviceUuid, characteristicUuid, cccd ? ['2902'] : []));
  }

  read(id: string, serviceUuid: string, characteristicUuid: string): void {
    const characteristic = this.characteristic(id, serviceUuid, characteristicUuid);
    // An attribute that cannot be read gets an ATT error, which noble 1.9 drops: the caller times out.
    if (characteristic?.read === undefined) return;
    const value = Buffer.from(characteristic.read());
    this.later(() => this.emit('read', id, serviceUuid, characteristicUuid, value, false));
  }

  write(id: string, serviceUuid: string, characteristicUuid: string, data: Buffer, withoutResponse: boolean): void {
    const characteristic = this.characteristic(id, serviceUuid, characteristicUuid);
    const presence = this.presences.get(id);
    if (characteristic?.write === undefined || presence === undefined) return;
    const bytes = new Uint8Array(data);
    this.later(() => {
      if (!presence.connected) return;
      if (!withoutResponse) this.emit('write', id, serviceUuid, characteristicUuid);
      characteristic.write?.(bytes, this.linkFor(presence));
    });
  }

  notify(id: string, serviceUuid: string, characteristicUuid: string, enable: boolean): void {
    const characteristic = this.characteristic(id, serviceUuid, characteristicUuid);
    const presence = this.presences.get(id);
    if (characteristic === undefined || presence === undefined) return;
    if (!characteristic.properties.includes('notify') && !characteristic.properties.includes('indicate')) return;
    const key = `${serviceUuid}/${characteristicUuid}`;
    if (enable) presence.subscriptions.add(key);
    else presence.subscriptions.delete(key);
    this.later(() => {
      if (!presence.connected) return;
      this.emit('notify', id, serviceUuid, characteristicUuid, enable);
      if (enable) characteristic.subscribed?.(this.linkFor(presence));
    });
  }

  // ---- inside ----

  private presence(id: string): Presence {
    const presence = this.presences.get(id);
    if (presence === undefined) throw new Error(`no emulated peripheral "${id}"`);
    return presence;
  }

  /** The peripheral, when it is connected and answers GATT requests. */
  private answering(id: string): Presence | undefined {
    const presence = this.presences.get(id);
    if (presence === undefined || !presence.connected || presence.fault?.kind === 'silent') return undefined;
    return presence;
  }

  private characteristic(id: string, serviceUuid: string, characteristicUuid: string): EmulatedCharacteristic | undefined {
    const service = this.answering(id)?.peripheral.services.find((s) => s.uuid === serviceUuid);
    return service?.characteristics.find((c) => c.uuid === characteristicUuid);
  }

  private later(task: () => void): void {
    this.scheduler.after(0, task);
  }

  private haltScan(): void {
    this.scanning = false;
    this.cancelAdvertising?.();
    this.cancelAdvertising = undefined;
  }

  private scheduleAdvertising(): void {
    this.cancelAdvertising = this.scheduler.after(this.options.advertiseIntervalMs ?? 100, () => {
      if (!this.scanning) return;
      if (!this.stalled) for (const presence of this.presences.values()) this.advertise(presence);
      this.scheduleAdvertising();
    });
  }

  private advertise(presence: Presence): void {
    const { peripheral } = presence;
    if (!presence.inRange || presence.connected) return;
    const ad = peripheral.advertisement();
    const response = this.dutyCycle >= ACTIVE_DUTY_CYCLE ? peripheral.scanResponse?.() : undefined;
    const merged: EmulatedAdvertisement = { ...ad, ...(response ?? {}) };
    const services = merged.serviceUuids ?? [];
    if (this.serviceFilter.length > 0 && !services.some((u) => this.serviceFilter.includes(u))) return;
    // noble's advertisement object, with Buffers where noble has them.
    const advertisement = {
      localName: merged.localName,
      txPowerLevel: merged.txPowerLevel,
      manufacturerData: merged.manufacturerData !== undefined ? Buffer.from(merged.manufacturerData) : undefined,
      serviceData: (merged.serviceData ?? []).map((d) => ({ uuid: d.uuid, data: Buffer.from(d.data) })),
      serviceUuids: [...services],
      solicitationServiceUuids: [],
      serviceSolicitationUuids: [],
    };
    const jitteredRssi = peripheral.rssi + Math.round((this.random() - 0.5) * 4);
    this.emit('discover', peripheral.id, peripheral.address, 'public', peripheral.connectable, advertisement, jitteredRssi, response !== undefined);
  }

  private linkFor(presence: Presence): PeripheralLink {
    const id = presence.peripheral.id;
    return {
      notify: (service, characteristic, bytes) => {
        this.later(() => {
          if (!presence.connected || !presence.subscriptions.has(`${service}/${characteristic}`)) return;
          if (presence.notificationsLeft <= 0) {
            // The drop happens once; the device behaves again when the central comes back.
            presence.fault = undefined;
            presence.notificationsLeft = Infinity;
            this.dropLink(presence, SUPERVISION_TIMEOUT);
            return;
          }
          presence.notificationsLeft--;
          const sent = presence.fault?.kind === 'garbage' ? bytes.map(() => Math.floor(this.random() * 256)) : bytes;
          this.emit('read', id, service, characteristic, Buffer.from(sent), true);
        });
      },
      disconnect: () => this.later(() => this.dropLink(presence, REMOTE_USER_TERMINATED)),
    };
  }

  private dropLink(presence: Presence, reason: number): void {
    if (!presence.connected) return;
    presence.connected = false;
    presence.subscriptions.clear();
    presence.peripheral.disconnected?.();
    this.later(() => this.emit('disconnect', presence.peripheral.id, reason));
  }
}
