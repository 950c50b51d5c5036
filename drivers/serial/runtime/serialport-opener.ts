import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { SerialConnection, SerialOpener } from './serial-connection.js';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The device node behind `path` (following a by-id link), or undefined when it is gone. */
async function deviceNumber(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).rdev;
  } catch {
    return undefined;
  }
}

export interface SerialportOpenerOptions {
  /**
   * How often to check that the device node is still there. A hung-up tty (USB unplugged, pty
   * master closed) can read as endless zero-byte reads, which serialport takes for "no data yet"
   * and never reports as a close.
   */
  readonly presenceCheckMs: number;
}

/** Opens real ports with serialport: the driver's line settings, no software or hardware flow control. */
export function createSerialportOpener(options: SerialportOpenerOptions = { presenceCheckMs: 1000 }): SerialOpener {
  return (path, settings, events) =>
    new Promise<SerialConnection>((resolve, reject) => {
      const port = new SerialPort({
        path,
        baudRate: settings.baudRate,
        dataBits: settings.dataBits,
        parity: settings.parity,
        stopBits: settings.stopBits,
        xon: false,
        xoff: false,
        xany: false,
        rtscts: false,
        autoOpen: false,
      });
      let closed = false;
      let presence: NodeJS.Timeout | undefined;
      const finish = (reason: string): void => {
        if (closed) return;
        closed = true;
        clearInterval(presence);
        events.onClose(reason);
      };
      const shutdown = (reason: string): void => {
        if (port.isOpen) port.close(() => finish(reason));
        else finish(reason);
      };
      port.open((openError) => {
        if (openError) {
          reject(openError);
          return;
        }
        port.on('data', (chunk: Buffer) => events.onData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
        port.on('close', (error: unknown) => finish(error === null || error === undefined ? 'closed' : describe(error)));
        // serialport does not always close the port after a read or write error; make sure it does.
        port.on('error', (error: unknown) => shutdown(describe(error)));
        void deviceNumber(path).then((openedDevice) => {
          presence = setInterval(() => {
            void deviceNumber(path).then((device) => {
              if (device === undefined || device !== openedDevice) shutdown('the device went away');
            });
          }, options.presenceCheckMs);
          presence.unref();
          if (closed) clearInterval(presence);
        });
        resolve({
          write(bytes) {
            port.write(Buffer.from(bytes), (writeError) => {
              if (writeError) shutdown(describe(writeError));
            });
          },
          close: () =>
            new Promise<void>((done) => {
              if (!port.isOpen) {
                finish('closed by the hub');
                done();
                return;
              }
              port.close(() => {
                finish('closed by the hub');
                done();
              });
            }),
        });
      });
    });
}

export const openSerialport: SerialOpener = createSerialportOpener();
