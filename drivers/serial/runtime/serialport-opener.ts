import { SerialPort } from 'serialport';
import type { SerialConnection, SerialOpener } from './serial-connection.js';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Opens a real port with serialport: the driver's line settings, no software or hardware flow control. */
export const openSerialport: SerialOpener = (path, settings, events) =>
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
    const finish = (reason: string): void => {
      if (closed) return;
      closed = true;
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
