/**
 * An emulated BLE peripheral as the emulated binding serves it: what it advertises and its GATT
 * table. Values are produced by functions so a device can change what it says over time.
 */
export type CharacteristicProperty = 'read' | 'write' | 'writeWithoutResponse' | 'notify' | 'indicate';

/** What a peripheral can do to its central while connected. */
export interface PeripheralLink {
  /** Sends a notification or indication (delivered if the central subscribed). */
  notify(service: string, characteristic: string, bytes: Uint8Array): void;
  /** The peripheral ends the connection itself (a cuff done sending, a strap taken off). */
  disconnect(): void;
}

export interface EmulatedCharacteristic {
  readonly uuid: string;
  readonly properties: readonly CharacteristicProperty[];
  read?(): Uint8Array;
  write?(bytes: Uint8Array, link: PeripheralLink): void;
  /** The central enabled notifications or indications (a cuff starts its burst of stored readings here). */
  subscribed?(link: PeripheralLink): void;
}

export interface EmulatedService {
  readonly uuid: string;
  readonly characteristics: readonly EmulatedCharacteristic[];
}

export interface EmulatedAdvertisement {
  readonly localName?: string;
  readonly serviceUuids?: readonly string[];
  readonly serviceData?: readonly { readonly uuid: string; readonly data: Uint8Array }[];
  readonly manufacturerData?: Uint8Array;
  readonly txPowerLevel?: number;
}

export interface EmulatedPeripheral {
  /** noble's peripheral id: the address without colons, lower case. */
  readonly id: string;
  readonly address: string;
  readonly connectable: boolean;
  readonly rssi: number;
  advertisement(): EmulatedAdvertisement;
  /** Only heard in active scans (many devices put their name in the scan response). */
  scanResponse?(): EmulatedAdvertisement;
  readonly services: readonly EmulatedService[];
  connected?(link: PeripheralLink): void;
  disconnected?(): void;
}

/** Misbehaviour a test switches on for one peripheral. */
export type PeripheralFault =
  /** The link drops after this many more notifications (mid-transfer). */
  | { readonly kind: 'drop-after'; readonly notifications: number }
  /** Notifications arrive as random bytes of the same length. */
  | { readonly kind: 'garbage' }
  /** Connects, then never answers a GATT request. */
  | { readonly kind: 'silent' }
  /** Connection attempts never complete. */
  | { readonly kind: 'unreachable' };

export function peripheralId(address: string): string {
  return address.toLowerCase().replace(/:/g, '');
}
