import { createPortLister } from '../../drivers/serial/runtime/port-lister.js';
import { systemScheduler } from '../../core/scheduler.js';
import type { SerialReadingSink } from '../../drivers/serial/runtime/serial-reading-sink.js';
import { SerialRuntime } from '../../drivers/serial/runtime/serial-runtime.js';
import { openSerialport } from '../../drivers/serial/runtime/serialport-opener.js';
import type { HubContext, HubPart } from '../daemon/hub-part.js';

/**
 * USB and serial oximeters: the serial runtime's decoded batches go through the hub's ingest like
 * any other device's, its port events onto the bus, and a device is registered the first time it
 * sends anything (and noted as seen each time after).
 */
export function serialSource(context: HubContext): HubPart | undefined {
  const { serial } = context.config;
  if (!serial.enabled) return undefined;
  const sink: SerialReadingSink = {
    submit: (batch) => {
      context.ingest.submit(batch, { seenVia: 'serial-oximeter' });
    },
    status: (deviceId, report) => context.bus.emit('device.status', { deviceId, code: report.code, message: report.message, ts: context.clock.now() }),
  };
  const runtime = new SerialRuntime({
    sink,
    open: openSerialport,
    list: createPortLister(),
    scheduler: systemScheduler,
    clock: context.clock,
    configuredPorts: serial.ports,
    discover: serial.discover,
    pollIntervalMs: serial.pollIntervalMs,
    probe: { windowMs: 1500, minPackets: 10 },
  });
  const log = context.logging.part('serial');
  return {
    name: 'serial',
    start: async () => {
      await runtime.start();
      log.info({ configuredPorts: serial.ports.length, discover: serial.discover }, 'serial ports watched');
    },
    stop: () => runtime.stop(),
  };
}
