import { Type } from 'typebox';
import { AutoOrBoolean, defaultsOf, Dictionary, Section, type Settings } from '../config/config-types.js';

/** The `ble` section of the hub config: Bluetooth LE devices read through the box's radio. */
export const bleConfigSchema = Section({
  /** `auto` uses the adapter when there is one and stays idle when there is none. */
  enabled: AutoOrBoolean('auto'),
  /** Concurrent GATT links; a Raspberry Pi's onboard radio holds 2–5. */
  maxConnections: Type.Integer({ minimum: 1, maximum: 20, default: 3 }),
  /** Restart scanning when nothing at all was heard for this long (a stuck adapter). */
  scanWatchdogMs: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 120_000 }),
  /** A device not heard for this long is marked unavailable (drivers of rarely used devices set their own). */
  unavailableAfterMs: Type.Integer({ minimum: 1000, maximum: 7 * 86_400_000, default: 10 * 60_000 }),
  /** The user's own driver files (.js/.mjs), loaded at start when enabled; `dir` is relative to dataDir. */
  externalDrivers: Section({
    enabled: Type.Boolean({ default: false }),
    dir: Type.String({ minLength: 1, default: 'ble-drivers' }),
  }),
  /** Emulated peripherals instead of the radio (the demo household). */
  emulated: Type.Boolean({ default: false }),
  /** Per-device AES keys of encrypted BTHome advertisements, by MAC address, as 32 hex digits. */
  bindKeys: Dictionary(Type.String({ pattern: '^[0-9A-Fa-f]{32}$' }), { keyPattern: '^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$', default: {} }),
});

export type BleConfig = Settings<typeof bleConfigSchema>;

export const DEFAULT_BLE_CONFIG: BleConfig = defaultsOf(bleConfigSchema);
