import type { SerialLineSettings } from '../serial-driver.js';

/** An open serial port as the runtime sees it; the transport is injected so tests can fake it. */
export interface SerialConnection {
  write(bytes: Uint8Array): void;
  close(): Promise<void>;
}

export interface SerialConnectionEvents {
  onData(chunk: Uint8Array): void;
  /** Called once, when the port closes for any reason (unplugged, error, our own close). */
  onClose(reason: string): void;
}

export type SerialOpener = (path: string, settings: SerialLineSettings, events: SerialConnectionEvents) => Promise<SerialConnection>;
