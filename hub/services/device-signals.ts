/** A device's radio signal as last heard: RSSI in dBm, and when. */
export interface DeviceSignal {
  readonly rssi: number;
  readonly ts: number;
}

/**
 * What the Bluetooth part offers while it runs: each device's newest signal strength, kept in
 * memory only (an advertisement a second per device is no thing to write to an SD card).
 */
export interface DeviceSignals {
  signal(deviceId: string): DeviceSignal | undefined;
}
