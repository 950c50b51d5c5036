import { BerryMedBciStreamDecoder } from './berrymed-bci.js';
import { ContecLegacyStreamDecoder } from './contec-legacy.js';
import { CONTEC_V7_KEEP_ALIVE, CONTEC_V7_KEEP_ALIVE_MS, CONTEC_V7_START_REALTIME, ContecV7StreamDecoder } from './contec-v7.js';
import { NoninDf2StreamDecoder } from './nonin-df2.js';
import type { SerialDriver, UsbId } from './serial-driver.js';

const siliconLabsCp210x: UsbId = { vendorId: '10c4', productId: 'ea60' };
const ftdiFt232: UsbId = { vendorId: '0403', productId: '6001' };

export const contecV7Driver: SerialDriver = {
  id: 'contec-v7',
  label: 'Contec CMS50D+ (fw 4.6+)/E/F/FW/I, protocol V7.0',
  settings: { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 },
  usbIds: [siliconLabsCp210x],
  startCommands: [CONTEC_V7_START_REALTIME],
  keepAlive: { command: CONTEC_V7_KEEP_ALIVE, intervalMs: CONTEC_V7_KEEP_ALIVE_MS },
  createDecoder: () => new ContecV7StreamDecoder(),
};

export const contecLegacyDriver: SerialDriver = {
  id: 'contec-legacy',
  label: 'Contec CMS50D+/E, legacy protocol',
  settings: { baudRate: 19200, dataBits: 8, parity: 'odd', stopBits: 1 },
  usbIds: [siliconLabsCp210x],
  // Streams live data unasked.
  startCommands: [],
  createDecoder: () => new ContecLegacyStreamDecoder(),
};

export const noninDf2Driver: SerialDriver = {
  id: 'nonin-df2',
  label: 'Nonin OEM III / Xpod, Data Format #2',
  settings: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  usbIds: [ftdiFt232],
  startCommands: [],
  createDecoder: () => new NoninDf2StreamDecoder(),
};

export const berryMedBciDriver: SerialDriver = {
  id: 'berrymed-bci',
  label: 'BerryMed BM1000 and relabels, BCI protocol',
  // The BCI document does not state the USB baud rate; 115200 is what the USB modules seen use.
  settings: { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 },
  usbIds: [],
  startCommands: [],
  createDecoder: () => new BerryMedBciStreamDecoder(),
};

/** In probing order: a driver that sends a start command goes before one that only listens. */
export const serialDrivers: readonly SerialDriver[] = [contecV7Driver, contecLegacyDriver, noninDf2Driver, berryMedBciDriver];

export function findSerialDriver(id: string): SerialDriver | undefined {
  return serialDrivers.find((d) => d.id === id);
}
