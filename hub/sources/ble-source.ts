import { isAbsolute, join } from 'node:path';
import { systemScheduler } from '../../core/scheduler.js';
import type { BleDriver } from '../../drivers/ble/drivers/ble-driver.js';
import { BUILTIN_BLE_DRIVERS } from '../../drivers/ble/drivers/builtin-drivers.js';
import { loadExternalDrivers } from '../../drivers/ble/drivers/external-drivers.js';
import { demoPeripherals } from '../../drivers/ble/emulation/demo-peripherals.js';
import { EmulatedBinding } from '../../drivers/ble/emulation/emulated-binding.js';
import type { BleDeviceEvents } from '../../drivers/ble/runtime/ble-device-events.js';
import type { BleReadingSink } from '../../drivers/ble/runtime/ble-reading-sink.js';
import { BleRuntime, type BleRuntimeOptions } from '../../drivers/ble/runtime/ble-runtime.js';
import { loadHardwareNoble, nobleWithBinding } from '../../drivers/ble/runtime/noble-loader.js';
import type { NobleCentral } from '../../drivers/ble/runtime/noble-types.js';
import type { FormatDecoder } from '../../drivers/format.js';
import type { HubBus } from '../bus/hub-events.js';
import type { HubContext, HubPart, HubPartFactory } from '../daemon/hub-part.js';
import type { BluetoothStatus } from '../services/source-status.js';
import { migrate } from '../store/index.js';
import { bleMigrations, SqliteGlucoseSequences } from './ble-glucose-sequences.js';

/** The part's name: its log lines, its bus listeners and its schema steps go by it. */
export const BLE_PART_NAME = 'ble';

/** The runtime's sink on the hub: everything into the hub's ingest, a driver's own decoders first. */
export function bleReadingSink(context: HubContext, drivers: readonly BleDriver[]): BleReadingSink {
  const decoders = new Map<string, FormatDecoder>(drivers.flatMap((d) => (d.decoders ?? []).map((f) => [f.id, f] as const)));
  return {
    packet: (packet) => {
      context.ingest.submit(packet, { decoders });
    },
    decoded: (batch) => {
      context.ingest.submit(batch);
    },
    status: (deviceId, report, at) => context.bus.emit('device.status', { deviceId, code: report.code, message: report.message, ts: at }),
  };
}

/** The runtime's device events as the hub's bus events, the same as every other source's. */
export function bleDeviceEventsOnBus(bus: HubBus): BleDeviceEvents {
  return {
    discovered: (event) =>
      bus.emit('device.discovered', {
        deviceId: event.deviceId,
        driver: event.driver,
        ...(event.name !== undefined ? { name: event.name } : {}),
        rssi: event.rssi,
        transport: 'ble',
        ts: event.ts,
      }),
    availability: (event) => bus.emit('device.availability', { deviceId: event.deviceId, available: event.available, ts: event.ts }),
    connection: (event) => bus.emit('device.connection', { deviceId: event.deviceId, connected: event.connected, ts: event.ts }),
  };
}

/** The user's drivers first, so that on a tie they win over the shipped ones. */
async function driversFor(context: HubContext): Promise<BleDriver[]> {
  const { externalDrivers } = context.config.ble;
  if (!externalDrivers.enabled) return [...BUILTIN_BLE_DRIVERS];
  const dir = isAbsolute(externalDrivers.dir) ? externalDrivers.dir : join(context.config.dataDir, externalDrivers.dir);
  const log = context.logging.part(BLE_PART_NAME);
  const external = await loadExternalDrivers(dir);
  for (const problem of external.problems) log.warn({ file: problem.file }, `BLE driver skipped: ${problem.reason}`);
  if (external.drivers.length > 0) log.info({ drivers: external.drivers.map((d) => d.id) }, 'external BLE drivers loaded');
  return [...external.drivers, ...BUILTIN_BLE_DRIVERS];
}

/** What the adapter's state means for the household: ready, or why not (the scanner logs the same). */
export function adapterStatus(state: string, emulated: boolean): BluetoothStatus {
  switch (state) {
    case 'poweredOn':
      return { state: 'ready', emulated };
    case 'unauthorized':
      return { state: 'unavailable', problem: 'permission', detail: 'permission denied opening the Bluetooth adapter' };
    case 'poweredOff':
      return { state: 'unavailable', problem: 'powered_off', detail: 'the Bluetooth adapter is off' };
    case 'unsupported':
      return { state: 'unavailable', problem: 'no_adapter', detail: 'no Bluetooth LE adapter found' };
    default:
      return { state: 'starting' };
  }
}

/** What a test (or another front end) puts in place of the radio and the runtime's timings. */
export interface BleSourceOverrides {
  readonly noble?: () => NobleCentral;
  readonly tuning?: Partial<Pick<BleRuntimeOptions, 'gattTimeoutMs' | 'reconnectBackoff' | 'settleMs' | 'scheduler' | 'random'>>;
  /** Called with the runtime once it runs. */
  readonly started?: (runtime: BleRuntime) => void;
}

/**
 * Bluetooth LE devices, as the `ble` part: emulated peripherals when `ble.emulated`, else the
 * adapter through noble's HCI binding; with neither it logs once and stays idle, never stopping the
 * hub. What the runtime hears goes through the ingest, its device events onto the bus, and the
 * bus's pairing window opens and closes the runtime's.
 */
export const bleSource: HubPartFactory = (context) => bleSourceWith({})(context);

export const bleSourceWith = (overrides: BleSourceOverrides): HubPartFactory => (context) => {
  const config = context.config.ble;
  if (config.enabled === false) return undefined;
  const log = context.logging.part(BLE_PART_NAME);
  const status = context.services.sources;
  let runtime: BleRuntime | undefined;
  let stopWatching: (() => void) | undefined;
  const part: HubPart = {
    name: BLE_PART_NAME,
    start: async () => {
      status.reportBluetooth({ state: 'starting' });
      let noble: NobleCentral;
      if (overrides.noble !== undefined) {
        noble = overrides.noble();
      } else if (config.emulated) {
        noble = nobleWithBinding(new EmulatedBinding(demoPeripherals(systemScheduler, () => context.clock.now()), { advertiseIntervalMs: 1000 }));
        log.info('Bluetooth: using emulated peripherals (ble.emulated)');
      } else {
        const hardware = loadHardwareNoble();
        if ('problem' in hardware) {
          if (config.enabled === true) log.warn(`Bluetooth unavailable: ${hardware.problem}`);
          else log.info(`Bluetooth unavailable, BLE devices are not read: ${hardware.problem}`);
          status.reportBluetooth({ state: 'unavailable', problem: hardware.reason, detail: hardware.problem });
          return;
        }
        noble = hardware.noble;
      }
      const emulated = overrides.noble === undefined && config.emulated;
      const onState = (state: string): void => status.reportBluetooth(adapterStatus(state, emulated));
      noble.on('stateChange', onState);
      stopWatching = () => noble.removeListener('stateChange', onState);
      onState(noble.state);
      migrate(context.store.db, BLE_PART_NAME, bleMigrations);
      const drivers = await driversFor(context);
      const started = new BleRuntime({
        noble,
        drivers,
        sink: bleReadingSink(context, drivers),
        registry: context.registry,
        events: bleDeviceEventsOnBus(context.bus),
        clock: context.clock,
        scheduler: systemScheduler,
        logger: log,
        sequences: new SqliteGlucoseSequences(context.store.db),
        maxConnections: config.maxConnections,
        scanWatchdogMs: config.scanWatchdogMs,
        unavailableAfterMs: config.unavailableAfterMs,
        bindKeys: config.bindKeys,
        ...overrides.tuning,
      });
      runtime = started;
      context.services.signals.provide(started);
      context.bus.on('pairing.changed', BLE_PART_NAME, (event) => started.setPairing(event.open, event.until));
      started.start();
      overrides.started?.(started);
    },
    stop: async () => {
      if (runtime !== undefined) context.services.signals.withdraw(runtime);
      await runtime?.stop();
      runtime = undefined;
      stopWatching?.();
      stopWatching = undefined;
      status.reportBluetooth(undefined);
    },
  };
  return part;
};
