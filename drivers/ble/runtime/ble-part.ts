import { isAbsolute, join } from 'node:path';
import type { HubContext, HubPart, HubPartFactory } from '../../../hub/daemon/hub-part.js';
import { migrate } from '../../../hub/store/index.js';
import type { FormatDecoder } from '../../format.js';
import { systemScheduler } from '../../serial/runtime/scheduler.js';
import type { BleDriver } from '../drivers/ble-driver.js';
import { BUILTIN_BLE_DRIVERS } from '../drivers/builtin-drivers.js';
import { loadExternalDrivers } from '../drivers/external-drivers.js';
import { demoPeripherals } from '../emulation/demo-peripherals.js';
import { EmulatedBinding } from '../emulation/emulated-binding.js';
import type { BleReadingSink } from './ble-reading-sink.js';
import { BLE_PART_NAME, BleRuntime, type BleRuntimeOptions } from './ble-runtime.js';
import { bleMigrations, SqliteGlucoseSequenceStore } from './glucose-sequence-store.js';
import { loadHardwareNoble, nobleWithBinding } from './noble-loader.js';
import type { NobleCentral } from './noble-types.js';

/** The runtime's sink on the hub: everything into the hub's ingest, a driver's own decoders first. */
export function hubSink(context: HubContext, drivers: readonly BleDriver[]): BleReadingSink {
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

/** What a test (or another front end) puts in place of the radio and the runtime's timings. */
export interface BlePartOverrides {
  readonly noble?: () => NobleCentral;
  readonly tuning?: Partial<Pick<BleRuntimeOptions, 'gattTimeoutMs' | 'reconnectBackoff' | 'settleMs' | 'scheduler' | 'random'>>;
  /** Called with the runtime once it runs. */
  readonly started?: (runtime: BleRuntime) => void;
}

/**
 * The `ble` part: emulated peripherals when `ble.emulated`, else the adapter through noble's HCI
 * binding; with neither it logs once and stays idle, never stopping the hub.
 */
export const blePart: HubPartFactory = (context) => blePartWith({})(context);

export const blePartWith = (overrides: BlePartOverrides): HubPartFactory => (context) => {
  const config = context.config.ble;
  if (config.enabled === false) return undefined;
  const log = context.logging.part(BLE_PART_NAME);
  let runtime: BleRuntime | undefined;
  const part: HubPart = {
    name: BLE_PART_NAME,
    start: async () => {
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
          return;
        }
        noble = hardware.noble;
      }
      migrate(context.store.db, BLE_PART_NAME, bleMigrations);
      const drivers = await driversFor(context);
      runtime = new BleRuntime({
        noble,
        drivers,
        sink: hubSink(context, drivers),
        registry: context.registry,
        bus: context.bus,
        clock: context.clock,
        scheduler: systemScheduler,
        logger: log,
        sequences: new SqliteGlucoseSequenceStore(context.store.db),
        maxConnections: config.maxConnections,
        scanWatchdogMs: config.scanWatchdogMs,
        unavailableAfterMs: config.unavailableAfterMs,
        bindKeys: config.bindKeys,
        ...overrides.tuning,
      });
      runtime.start();
      overrides.started?.(runtime);
    },
    stop: async () => {
      await runtime?.stop();
      runtime = undefined;
    },
  };
  return part;
};
