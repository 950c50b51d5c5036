import type { EventEmitter } from 'node:events';

/**
 * The part of noble's API the runtime uses, typed strictly (noble's own typings use `Function`
 * and string errors). A real noble instance and one over the emulated binding both satisfy it.
 */
export interface NobleAdvertisement {
  readonly localName?: string;
  readonly serviceUuids?: readonly string[];
  readonly serviceData?: readonly { readonly uuid: string; readonly data: Buffer }[];
  readonly manufacturerData?: Buffer;
}

export interface NobleCharacteristic extends EventEmitter {
  readonly uuid: string;
  readonly properties: readonly string[];
  read(callback: (error: unknown, data: Buffer) => void): void;
  write(data: Buffer, withoutResponse: boolean, callback: (error: unknown) => void): void;
  subscribe(callback: (error: unknown) => void): void;
}

export interface NobleService {
  readonly uuid: string;
  discoverCharacteristics(uuids: string[], callback: (error: unknown, characteristics: NobleCharacteristic[]) => void): void;
}

export interface NoblePeripheral extends EventEmitter {
  readonly id: string;
  readonly address: string;
  readonly connectable: boolean;
  readonly rssi: number;
  readonly advertisement: NobleAdvertisement;
  readonly state: string;
  connect(callback: (error: unknown) => void): void;
  cancelConnect(): void;
  disconnect(callback?: () => void): void;
  discoverServices(uuids: string[], callback: (error: unknown, services: NobleService[]) => void): void;
}

export interface NobleCentral extends EventEmitter {
  readonly state: string;
  startScanning(serviceUuids: string[], allowDuplicates: boolean, callback: (error: unknown) => void): void;
  stopScanning(callback?: () => void): void;
  setScanParameters(interval: number, window: number, callback?: () => void): void;
  reset(): void;
}
