import { SerialPort } from 'serialport';
import type { SerialPortInfo, SerialPortLister } from './port-info.js';
import { sysfsPortLister } from './sysfs-port-lister.js';

interface SerialportListEntry {
  readonly path: string;
  readonly pnpId?: string | undefined;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly manufacturer?: string | undefined;
}

export function fromSerialportEntry(entry: SerialportListEntry): SerialPortInfo {
  const optional = (key: keyof SerialPortInfo, value: string | undefined): Partial<SerialPortInfo> =>
    value === undefined || value === '' ? {} : { [key]: value };
  return {
    path: entry.path,
    ...optional('byIdName', entry.pnpId),
    ...optional('vendorId', entry.vendorId?.toLowerCase()),
    ...optional('productId', entry.productId?.toLowerCase()),
    ...optional('serialNumber', entry.serialNumber),
    ...optional('manufacturer', entry.manufacturer),
  };
}

/**
 * serialport's list() first (it needs udevadm on Linux), the sysfs walk when that fails; a
 * failing fallback gives an empty list rather than an error, so discovery never stops the hub.
 */
export function createPortLister(
  primary: () => Promise<readonly SerialportListEntry[]> = () => SerialPort.list(),
  fallback: SerialPortLister = sysfsPortLister(),
): SerialPortLister {
  return async () => {
    try {
      return (await primary()).map(fromSerialportEntry);
    } catch {
      try {
        return await fallback();
      } catch {
        return [];
      }
    }
  };
}
