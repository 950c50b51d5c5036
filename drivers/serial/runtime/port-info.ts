import { makeDeviceId } from '../../../core/device-id.js';

/** A serial port as discovery sees it. */
export interface SerialPortInfo {
  /** The device node, e.g. /dev/ttyUSB0. */
  readonly path: string;
  /** The stable /dev/serial/by-id name (without the directory) when udev made one. */
  readonly byIdName?: string;
  /** Lower-case 4-digit hex, as serialport reports them. */
  readonly vendorId?: string;
  readonly productId?: string;
  readonly serialNumber?: string;
  readonly manufacturer?: string;
}

export type SerialPortLister = () => Promise<readonly SerialPortInfo[]>;

/** `serial:<by-id name or path>`: stable across replugs when udev gives the port a by-id name. */
export function serialDeviceId(port: Pick<SerialPortInfo, 'path' | 'byIdName'>): string {
  return makeDeviceId('serial', port.byIdName ?? port.path);
}
