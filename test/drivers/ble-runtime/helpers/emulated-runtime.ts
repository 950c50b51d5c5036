import { EventEmitter } from 'node:events';
import { EventBus } from '../../../../hub/bus/event-bus.js';
import type { HubEvents } from '../../../../hub/bus/hub-events.js';
import { silentLogger } from '../../../../hub/log/logger.js';
import { findFormat } from '../../../../drivers/formats.js';
import type { DecodedReading, DecodedWaveform } from '../../../../drivers/format.js';
import { BUILTIN_BLE_DRIVERS } from '../../../../drivers/ble/drivers/builtin-drivers.js';
import { EmulatedBinding, type EmulatedBindingOptions } from '../../../../drivers/ble/emulation/emulated-binding.js';
import type { EmulatedPeripheral } from '../../../../drivers/ble/emulation/emulated-peripheral.js';
import { BleRuntime, type BleRuntimeOptions } from '../../../../drivers/ble/runtime/ble-runtime.js';
import type { GlucoseSequences } from '../../../../drivers/ble/runtime/glucose-sequences.js';
import { nobleWithBinding } from '../../../../drivers/ble/runtime/noble-loader.js';
import { systemScheduler } from '../../../../core/scheduler.js';
import { bleDeviceEventsOnBus } from '../../../../hub/sources/ble-source.js';
import { FAST_TUNING } from './fast-tuning.js';

export interface Heard {
  readonly deviceId: string;
  readonly formatId: string;
  readonly readings: readonly DecodedReading[];
  readonly waveforms: readonly DecodedWaveform[];
  readonly undecodable: boolean;
}

/** The runtime over real noble and the emulated binding, with every device already known, a sink that records and its device events on a bus of its own. */
export function emulatedRuntime(peripherals: EmulatedPeripheral[], options: { binding?: EmulatedBindingOptions; runtime?: Partial<BleRuntimeOptions>; known?: boolean } = {}) {
  const binding = new EmulatedBinding(peripherals, { advertiseIntervalMs: 10, ...options.binding });
  const heard: Heard[] = [];
  const statuses: string[] = [];
  const bus = new EventBus<HubEvents>();
  const known = new Set<string>();
  const sequences = new Map<string, number>();
  const sequenceStore: GlucoseSequences = { last: (id) => sequences.get(id), save: (id, seq) => sequences.set(id, seq) };
  const logLines = new EventEmitter();
  const runtime = new BleRuntime({
    noble: nobleWithBinding(binding),
    drivers: BUILTIN_BLE_DRIVERS,
    sink: {
      packet: (p) => {
        try {
          const result = findFormat(p.formatId)?.decode(p.bytes, p.decodeOptions);
          heard.push({ deviceId: p.deviceId, formatId: p.formatId, readings: result?.readings ?? [], waveforms: result?.waveforms ?? [], undecodable: result === undefined });
        } catch {
          heard.push({ deviceId: p.deviceId, formatId: p.formatId, readings: [], waveforms: [], undecodable: true });
        }
      },
      decoded: (b) => heard.push({ deviceId: b.deviceId, formatId: 'batch', readings: b.readings, waveforms: b.waveforms ?? [], undecodable: false }),
      status: (_id, report) => statuses.push(report.code),
    },
    registry: {
      device: (id) => (options.known === false ? (known.has(id) ? id : undefined) : id),
      noteDeviceSeen: (id) => known.add(id),
    },
    events: bleDeviceEventsOnBus(bus),
    clock: { now: () => Date.now() },
    scheduler: systemScheduler,
    logger: silentLogger(),
    sequences: sequenceStore,
    maxConnections: 5,
    scanWatchdogMs: 60_000,
    unavailableAfterMs: 60_000,
    ...FAST_TUNING,
    ...options.runtime,
  });
  const metricsOf = (deviceId: string, metric: string): number[] =>
    heard.filter((h) => h.deviceId === deviceId).flatMap((h) => h.readings.filter((r) => r.metric === metric).map((r) => r.value));
  return { binding, runtime, heard, statuses, bus, sequences, logLines, metricsOf };
}
