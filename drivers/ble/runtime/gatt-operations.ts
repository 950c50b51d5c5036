import type { Scheduler } from '../../../core/scheduler.js';
import type { NobleCharacteristic, NoblePeripheral, NobleService } from './noble-types.js';

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'failed';
}

/** A GATT step that did not finish: the device went silent, refused, or the link dropped. */
export class GattError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GattError';
  }
}

/**
 * noble's callbacks as promises that always settle: noble 1.9 never answers some failed requests
 * (an ATT error on read), so every step has a deadline.
 */
export class GattOperations {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly timeoutMs: number,
  ) {}

  withDeadline<T>(what: string, start: (done: (error: unknown, value?: T) => void) => void, onTimeout?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const cancel = this.scheduler.after(this.timeoutMs, () => {
        if (settled) return;
        settled = true;
        onTimeout?.();
        reject(new GattError(`${what}: no answer within ${this.timeoutMs} ms`));
      });
      start((error, value) => {
        if (settled) return;
        settled = true;
        cancel();
        if (error !== null && error !== undefined) reject(new GattError(`${what}: ${describe(error)}`));
        else resolve(value as T);
      });
    });
  }

  connect(peripheral: NoblePeripheral): Promise<void> {
    return this.withDeadline('connect', (done) => peripheral.connect((error) => done(error)), () => peripheral.cancelConnect());
  }

  services(peripheral: NoblePeripheral): Promise<NobleService[]> {
    return this.withDeadline('discover services', (done) => peripheral.discoverServices([], (error, services) => done(error, services)));
  }

  characteristics(service: NobleService): Promise<NobleCharacteristic[]> {
    return this.withDeadline(`discover characteristics of ${service.uuid}`, (done) => service.discoverCharacteristics([], (error, list) => done(error, list)));
  }

  read(characteristic: NobleCharacteristic): Promise<Uint8Array> {
    return this.withDeadline(`read ${characteristic.uuid}`, (done) => characteristic.read((error, data) => done(error, new Uint8Array(data))));
  }

  write(characteristic: NobleCharacteristic, bytes: Uint8Array): Promise<void> {
    return this.withDeadline(`write ${characteristic.uuid}`, (done) => characteristic.write(Buffer.from(bytes), false, (error) => done(error)));
  }

  subscribe(characteristic: NobleCharacteristic): Promise<void> {
    return this.withDeadline(`subscribe ${characteristic.uuid}`, (done) => characteristic.subscribe((error) => done(error)));
  }
}
