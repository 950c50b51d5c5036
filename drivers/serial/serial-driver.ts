import type { SerialStreamDecoder } from './stream-decoder.js';

/** Line settings a driver opens its port with. Software flow control stays off: 0x11/0x13 are data. */
export interface SerialLineSettings {
  readonly baudRate: number;
  readonly dataBits: 8;
  readonly parity: 'none' | 'odd' | 'even';
  readonly stopBits: 1;
}

/** A USB vendor/product id pair as lower-case 4-digit hex, the way serialport's list() reports them. */
export interface UsbId {
  readonly vendorId: string;
  readonly productId: string;
}

export interface KeepAlive {
  readonly command: Uint8Array;
  readonly intervalMs: number;
}

/** Everything the runtime needs to talk to one protocol's devices. */
export interface SerialDriver {
  /** The protocol's format id (as in `hearth decode --list`). */
  readonly id: string;
  readonly label: string;
  readonly settings: SerialLineSettings;
  /** USB-serial bridges the devices are known to ship with; a match still needs a probe when shared. */
  readonly usbIds: readonly UsbId[];
  /** Sent after opening, e.g. "start real-time data"; each is harmless to other devices of the family. */
  readonly startCommands: readonly Uint8Array[];
  readonly keepAlive?: KeepAlive;
  createDecoder(): SerialStreamDecoder;
}
