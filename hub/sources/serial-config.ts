import { Type } from 'typebox';
import { serialDrivers } from '../../drivers/serial/serial-drivers.js';
import { defaultsOf, Entry, Section, type Settings } from '../config/config-types.js';

const serialPortSchema = Entry({
  path: Type.String({ minLength: 1 }),
  /** Skips probing: the driver that speaks on this port. */
  driver: Type.Optional(Type.Enum(serialDrivers.map((d) => d.id))),
});

/** The `serial` section of the hub config: USB and serial oximeters. */
export const serialConfigSchema = Section({
  enabled: Type.Boolean({ default: true }),
  /** Watch for USB-serial oximeters being plugged in (only known USB bridges are probed). */
  discover: Type.Boolean({ default: true }),
  pollIntervalMs: Type.Integer({ minimum: 200, maximum: 600_000, default: 2000 }),
  /** Fixed ports, e.g. /dev/serial/by-id/…; `driver` skips probing. */
  ports: Type.Array(serialPortSchema, { default: [] }),
});

export type SerialConfig = Settings<typeof serialConfigSchema>;

export const DEFAULT_SERIAL_CONFIG: SerialConfig = defaultsOf(serialConfigSchema);
