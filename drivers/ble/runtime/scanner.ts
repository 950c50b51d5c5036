import type { Logger } from 'pino';
import type { Clock } from '../../../core/clock.js';
import type { Scheduler } from '../../../core/scheduler.js';
import type { NobleCentral, NoblePeripheral } from './noble-types.js';

export type ScanMode = 'passive' | 'pairing';

/**
 * Scan interval and window in 0.625 ms units. Everyday listening uses a fifth of the radio's time,
 * leaving air for the links; a pairing window listens all the time to catch scan responses (names).
 */
const SCAN_PARAMETERS: Readonly<Record<ScanMode, { interval: number; window: number }>> = {
  passive: { interval: 0x0100, window: 0x0030 },
  pairing: { interval: 0x0030, window: 0x0030 },
};

const ADAPTER_PROBLEMS: Readonly<Record<string, string>> = {
  unauthorized:
    'Bluetooth: permission denied opening the adapter. Give node the raw-socket capability: sudo setcap cap_net_raw+eip $(readlink -f $(which node)) — or run the hub as root',
  poweredOff: 'Bluetooth: the adapter is off. Turn it on (bluetoothctl power on, or rfkill unblock bluetooth); the hub resumes by itself',
  unsupported: 'Bluetooth: no Bluetooth LE adapter found; BLE devices are not read until one is present',
  resetting: 'Bluetooth: the adapter is resetting',
};

export interface ScannerOptions {
  readonly noble: NobleCentral;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** Restart scanning when nothing was heard for this long while scanning. */
  readonly watchdogMs: number;
  readonly onAdvertisement: (peripheral: NoblePeripheral) => void;
}

/**
 * Keeps the adapter scanning: starts when it is powered on, says clearly why when it cannot, and
 * restarts a scan that went quiet (some adapters stop reporting after a connection or a firmware
 * hiccup) — after repeated restarts it resets the adapter.
 */
export class Scanner {
  private mode: ScanMode = 'passive';
  private scanning = false;
  private lastHeard = 0;
  private restarts = 0;
  private reportedState: string | undefined;
  private cancelWatchdog: (() => void) | undefined;
  private readonly listeners: [string, (...args: unknown[]) => void][] = [];
  private running = false;
  /** scanStop events our own stopScanning calls will cause. */
  private expectedStops = 0;

  constructor(private readonly options: ScannerOptions) {}

  start(): void {
    const { noble } = this.options;
    this.running = true;
    this.on('stateChange', (state: string) => this.onState(state));
    this.on('discover', (peripheral: NoblePeripheral) => {
      this.lastHeard = this.options.clock.now();
      this.restarts = 0;
      this.options.onAdvertisement(peripheral);
    });
    this.on('scanStop', () => {
      if (this.expectedStops > 0) {
        this.expectedStops--;
        return;
      }
      if (!this.scanning || !this.running) return;
      // Not ours: the stack stopped the scan (e.g. while connecting). Resume shortly.
      this.scanning = false;
      this.options.scheduler.after(500, () => this.scan());
    });
    if (noble.state === 'poweredOn') this.scan();
    this.watch();
  }

  stop(): void {
    this.running = false;
    this.cancelWatchdog?.();
    for (const [event, listener] of this.listeners.splice(0)) this.options.noble.removeListener(event, listener);
    if (this.scanning) {
      this.scanning = false;
      this.options.noble.stopScanning();
    }
  }

  setMode(mode: ScanMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.options.logger.info({ mode }, mode === 'pairing' ? 'BLE scanning for new devices' : 'BLE scanning for known devices');
    if (this.scanning) this.restart();
  }

  get currentMode(): ScanMode {
    return this.mode;
  }

  get isScanning(): boolean {
    return this.scanning;
  }

  private on<A extends unknown[]>(event: string, listener: (...args: A) => void): void {
    const untyped = listener as unknown as (...args: unknown[]) => void;
    this.options.noble.on(event, untyped);
    this.listeners.push([event, untyped]);
  }

  private onState(state: string): void {
    if (state === 'poweredOn') {
      if (this.reportedState !== undefined) this.options.logger.info('Bluetooth: adapter powered on, scanning');
      this.reportedState = undefined;
      this.scan();
      return;
    }
    this.scanning = false;
    if (this.reportedState === state) return;
    this.reportedState = state;
    this.options.logger.warn({ state }, ADAPTER_PROBLEMS[state] ?? `Bluetooth: adapter state ${state}`);
  }

  private scan(): void {
    const { noble, logger } = this.options;
    if (!this.running || this.scanning || noble.state !== 'poweredOn') return;
    const { interval, window } = SCAN_PARAMETERS[this.mode];
    noble.setScanParameters(interval, window);
    this.scanning = true;
    this.lastHeard = this.options.clock.now();
    // Duplicates on: availability and advertisement-only devices need every advertisement.
    noble.startScanning([], true, (error) => {
      if (error === null || error === undefined) return;
      this.scanning = false;
      logger.warn({ err: error instanceof Error ? error.message : 'failed' }, 'Bluetooth: could not start scanning');
    });
  }

  private restart(): void {
    this.scanning = false;
    this.expectedStops++;
    this.options.noble.stopScanning();
    this.scan();
  }

  private watch(): void {
    const period = Math.max(500, this.options.watchdogMs / 2);
    this.cancelWatchdog = this.options.scheduler.after(period, () => {
      if (!this.running) return;
      const quietFor = this.options.clock.now() - this.lastHeard;
      if (this.scanning && quietFor >= this.options.watchdogMs) {
        this.restarts++;
        if (this.restarts >= 3) {
          this.options.logger.warn({ quietForMs: quietFor }, 'Bluetooth: scanning still silent after restarts; resetting the adapter');
          this.restarts = 0;
          this.options.noble.reset();
        } else {
          this.options.logger.warn({ quietForMs: quietFor }, 'Bluetooth: nothing heard while scanning; restarting the scan');
        }
        this.restart();
      }
      this.watch();
    });
  }
}
