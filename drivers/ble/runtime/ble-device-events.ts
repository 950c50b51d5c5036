/** A device admitted while the pairing window was open. */
export interface BleDeviceDiscovered {
  readonly deviceId: string;
  /** The driver that matched its advertisement. */
  readonly driver: string;
  readonly name?: string;
  readonly rssi: number;
  readonly ts: number;
}

/** A device went quiet for longer than its driver allows, or was heard again. */
export interface BleDeviceAvailability {
  readonly deviceId: string;
  readonly available: boolean;
  readonly ts: number;
}

/** A link to a connected device was made, or ended (by the device, the radio or the hub stopping). */
export interface BleDeviceConnection {
  readonly deviceId: string;
  readonly connected: boolean;
  readonly ts: number;
}

/** What the runtime reports about the devices it hears; the hub passes these on to whoever listens. */
export interface BleDeviceEvents {
  discovered(event: BleDeviceDiscovered): void;
  availability(event: BleDeviceAvailability): void;
  connection(event: BleDeviceConnection): void;
}
