import type { Scheduler } from '../../../core/scheduler.js';
import type { SerialDriver } from '../serial-driver.js';
import type { SerialPortInfo } from './port-info.js';
import type { SerialConnection, SerialOpener } from './serial-connection.js';

/** Drivers whose devices ship with this port's USB bridge. */
export function driversForUsbId(port: SerialPortInfo, drivers: readonly SerialDriver[]): SerialDriver[] {
  if (port.vendorId === undefined || port.productId === undefined) return [];
  return drivers.filter((d) => d.usbIds.some((id) => id.vendorId === port.vendorId && id.productId === port.productId));
}

export interface ProbeOptions {
  readonly open: SerialOpener;
  readonly scheduler: Scheduler;
  /** How long to listen for each candidate. */
  readonly windowMs: number;
  /** Packets that must frame within the window for a match. */
  readonly minPackets: number;
}

export interface ProbeResult {
  readonly driver: SerialDriver;
  readonly packets: number;
  readonly framingErrors: number;
}

function wait(scheduler: Scheduler, ms: number): Promise<void> {
  return new Promise((resolve) => scheduler.after(ms, resolve));
}

/**
 * Opens the port with one candidate's settings, sends its start command (harmless to the other
 * devices of the family) and listens: a match is a window with enough packets and few framing errors.
 */
async function listen(path: string, driver: SerialDriver, options: ProbeOptions): Promise<ProbeResult | undefined> {
  const decoder = driver.createDecoder();
  let connection: SerialConnection;
  try {
    connection = await options.open(path, driver.settings, { onData: (chunk) => void decoder.push(chunk), onClose: () => undefined });
  } catch {
    return undefined;
  }
  for (const command of driver.startCommands) connection.write(command);
  await wait(options.scheduler, options.windowMs);
  await connection.close();
  const { packets, framingErrors } = decoder.stats();
  const clean = framingErrors * 4 <= packets;
  return packets >= options.minPackets && clean ? { driver, packets, framingErrors } : undefined;
}

/** Tries each candidate in turn; the first that frames the port's bytes wins. */
export async function probePort(path: string, candidates: readonly SerialDriver[], options: ProbeOptions): Promise<ProbeResult | undefined> {
  for (const driver of candidates) {
    const result = await listen(path, driver, options);
    if (result !== undefined) return result;
  }
  return undefined;
}
