import { readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { SerialPortInfo } from './port-info.js';

/** Device names that are USB or on-board serial ports worth offering (not the dozens of virtual ttyS). */
const SERIAL_NAME = /^(ttyUSB|ttyACM|ttyAMA|ttyXRUSB|ttyWCH|rfcomm)\d+$/;

async function readTrimmed(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

async function listOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Walks up from the tty's device to the USB device that holds idVendor/idProduct. */
async function usbAttributes(deviceDir: string): Promise<Partial<SerialPortInfo>> {
  let dir: string;
  try {
    dir = await realpath(deviceDir);
  } catch {
    return {};
  }
  for (let depth = 0; depth < 6 && dir !== path.dirname(dir); depth += 1, dir = path.dirname(dir)) {
    const vendorId = await readTrimmed(path.join(dir, 'idVendor'));
    const productId = await readTrimmed(path.join(dir, 'idProduct'));
    if (vendorId !== undefined && productId !== undefined) {
      const serialNumber = await readTrimmed(path.join(dir, 'serial'));
      const manufacturer = await readTrimmed(path.join(dir, 'manufacturer'));
      return {
        vendorId: vendorId.toLowerCase(),
        productId: productId.toLowerCase(),
        ...(serialNumber !== undefined ? { serialNumber } : {}),
        ...(manufacturer !== undefined ? { manufacturer } : {}),
      };
    }
  }
  return {};
}

/**
 * Lists serial ports from sysfs and /dev/serial/by-id, for machines without udevadm (containers,
 * minimal images) where serialport's own list() fails. `root` lets a test point it at a fake tree.
 */
export function sysfsPortLister(root = '/'): () => Promise<SerialPortInfo[]> {
  return async () => {
    const byIdDir = path.join(root, 'dev/serial/by-id');
    const byIdByDevice = new Map<string, string>();
    for (const name of await listOrEmpty(byIdDir)) {
      try {
        byIdByDevice.set(path.basename(await realpath(path.join(byIdDir, name))), name);
      } catch {
        // A dangling link: the device went away while we listed.
      }
    }
    const ports: SerialPortInfo[] = [];
    const ttyDir = path.join(root, 'sys/class/tty');
    for (const name of (await listOrEmpty(ttyDir)).filter((n) => SERIAL_NAME.test(n)).sort()) {
      const byIdName = byIdByDevice.get(name);
      ports.push({
        path: path.join(root, 'dev', name),
        ...(byIdName !== undefined ? { byIdName } : {}),
        ...(await usbAttributes(path.join(ttyDir, name, 'device'))),
      });
    }
    return ports;
  };
}
