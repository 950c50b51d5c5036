/**
 * The hub's device ids, made in one place so that a device has one id however it reaches the hub.
 * A Bluetooth device is `ble:<address in lower case>` whether the hub's own radio hears it or an
 * ESP32 / Theengs gateway relays it over MQTT; the other families carry their transport as prefix.
 */

/**
 * What a device id is made from:
 * - `ble`: a Bluetooth address (any case, with or without colons);
 * - `serial`: a serial port's stable by-id name, or its path;
 * - `sim`: a simulated device's name; `replay`: a recorded participant's device name;
 * - `inference`: a person id, for the hub's own derived readings of that person;
 * - `journal`: a person id, for what that person wrote down in the hub's journals (food and drink);
 * - `given`: an id chosen outside the hub (hearth.yaml, an HTTP or MQTT client). Taken as given,
 *   except that a Bluetooth address, bare or as `ble:`, names the Bluetooth device.
 */
export type DeviceIdKind = 'ble' | 'serial' | 'sim' | 'replay' | 'inference' | 'journal' | 'given';

const BLE_PREFIX = 'ble:';
const HUB_PREFIX = 'hub:';
const INFERENCE_PREFIX = `${HUB_PREFIX}inference:`;
const JOURNAL_PREFIX = `${HUB_PREFIX}journal:`;
const MAC_WITH_COLONS = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;
const MAC_WITHOUT_COLONS = /^[0-9A-Fa-f]{12}$/;

/** "AA:BB:CC:DD:EE:FF" from an address written with or without colons, in any case; else undefined. */
export function normaliseMac(text: string): string | undefined {
  if (MAC_WITH_COLONS.test(text)) return text.toUpperCase();
  if (MAC_WITHOUT_COLONS.test(text)) return text.toUpperCase().replace(/(..)(?!$)/g, '$1:');
  return undefined;
}

/** The one function that makes a device id. Idempotent: `makeDeviceId('given', id)` returns any id it made. */
export function makeDeviceId(kind: DeviceIdKind, local: string): string {
  switch (kind) {
    case 'ble':
      return bluetoothId(local);
    case 'serial':
      return `serial:${local}`;
    case 'sim':
      return `sim:${local}`;
    case 'replay':
      return `replay:${local}`;
    case 'inference':
      return `${INFERENCE_PREFIX}${local}`;
    case 'journal':
      return `${JOURNAL_PREFIX}${local}`;
    case 'given':
      return givenId(local);
  }
}

/** The hub's own devices (derived readings, journals): not a device of the household's, never listed or paired. */
export function isHubDeviceId(deviceId: string): boolean {
  return deviceId.startsWith(HUB_PREFIX);
}

/**
 * A MAC in lower case with colons; any other address (noble reports a UUID on macOS) lower-cased
 * as it is, so that it stays stable across restarts.
 */
function bluetoothId(address: string): string {
  const mac = normaliseMac(address);
  return `${BLE_PREFIX}${mac !== undefined ? mac.toLowerCase() : address.toLowerCase()}`;
}

/**
 * Only the colon form counts as a bare address: twelve hex digits alone may well be some other
 * device's serial number.
 */
function givenId(id: string): string {
  if (MAC_WITH_COLONS.test(id)) return bluetoothId(id);
  if (id.startsWith(BLE_PREFIX) && MAC_WITH_COLONS.test(id.slice(BLE_PREFIX.length))) return bluetoothId(id.slice(BLE_PREFIX.length));
  return id;
}
