import { BUILTIN_BLE_DRIVERS } from '../../drivers/ble/drivers/builtin-drivers.js';
import { serialDrivers } from '../../drivers/serial/serial-drivers.js';

/** What the ways in that are not a device driver note as a device's driver. */
const TRANSPORT_KINDS: Readonly<Record<string, string>> = {
  'serial-oximeter': 'Pulse oximeter (USB)',
  mqtt: 'Network device (MQTT)',
  'ble-gateway': 'Bluetooth device (through a gateway)',
  http: 'Integration (HTTP API)',
  replay: 'Recorded device',
};

const KINDS: ReadonlyMap<string, string> = new Map([
  ...BUILTIN_BLE_DRIVERS.map((d) => [d.id, d.label] as const),
  ...serialDrivers.map((d) => [d.id, d.label] as const),
  ...Object.entries(TRANSPORT_KINDS),
]);

/** What a device is, in words, from the driver it was heard through; null for a driver the hub does not know. */
export function deviceKind(driver: string | undefined): string | null {
  return driver === undefined ? null : (KINDS.get(driver) ?? null);
}
