import type { DeviceDiscoveredEvent, HubBus } from '../bus/hub-events.js';
import type { Clock } from '../../core/clock.js';
import { deviceKind } from './device-kinds.js';
import { MAX_PAIRING_SECONDS, type FoundDevice, type PairingState } from './contract/devices.js';

/** The window as this class knows it; the route adds what the radio says. */
export type PairingWindowView = Omit<PairingState, 'bluetooth'>;

/** Bounds memory if a crowded street of BLE gadgets is heard while the window is open. */
const MAX_FOUND = 200;

/**
 * Permit-join for the household: while open, devices the sources discover are collected for the
 * dashboard, and 'pairing.changed' tells the radios to scan actively.
 */
export class PairingWindow {
  private until: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private found = new Map<string, FoundDevice>();

  constructor(
    private readonly bus: HubBus,
    private readonly clock: Clock,
    private readonly owner: string,
  ) {}

  start(): void {
    this.bus.on('device.discovered', this.owner, (event) => this.noteDiscovered(event));
  }

  stop(): void {
    if (this.isOpen()) this.close();
    clearTimeout(this.timer);
  }

  open(seconds: number): PairingWindowView {
    const until = this.clock.now() + Math.min(Math.max(1, seconds), MAX_PAIRING_SECONDS) * 1000;
    if (!this.isOpen()) this.found = new Map();
    this.until = until;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.close(), until - this.clock.now());
    this.timer.unref();
    this.bus.emit('pairing.changed', { open: true, until });
    return this.state();
  }

  close(): PairingWindowView {
    clearTimeout(this.timer);
    const wasOpen = this.until !== null;
    const until = this.clock.now();
    this.until = null;
    if (wasOpen) this.bus.emit('pairing.changed', { open: false, until });
    return this.state();
  }

  state(): PairingWindowView {
    const open = this.isOpen();
    return { open, until: open ? this.until : null, found: [...this.found.values()].sort((a, b) => b.ts - a.ts) };
  }

  private isOpen(): boolean {
    return this.until !== null && this.clock.now() < this.until;
  }

  private noteDiscovered(event: DeviceDiscoveredEvent): void {
    if (!this.isOpen()) return;
    if (!this.found.has(event.deviceId) && this.found.size >= MAX_FOUND) return;
    this.found.set(event.deviceId, {
      deviceId: event.deviceId,
      name: event.name ?? null,
      driver: event.driver ?? null,
      kind: deviceKind(event.driver),
      rssi: event.rssi ?? null,
      ts: event.ts,
    });
  }
}
