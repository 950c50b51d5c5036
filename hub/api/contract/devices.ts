import Type, { type Static } from 'typebox';
import { BluetoothState } from './hub-status.js';
import { Id, Name, Nullable, ReadonlyList } from './primitives.js';

export const DEFAULT_PAIRING_SECONDS = 120;
export const MAX_PAIRING_SECONDS = 600;

/**
 * `GET /api/v1/devices` (each), `PATCH /api/v1/devices/:id`: a device with its owner, user slots,
 * newest battery level and the time of its newest reading. The hub's own derived readings (the
 * models' outputs) come from no device and are not listed.
 */
export const DeviceSummary = Type.Object(
  {
    id: Type.String(),
    name: Nullable(Type.String()),
    driver: Nullable(Type.String()),
    /** What the device is, in words ("Polar H10 chest strap"), when its driver says. */
    kind: Nullable(Type.String()),
    personId: Nullable(Type.String()),
    /** A shared device's user slots (scale, cuff) by slot number, each the person it stands for. */
    userSlots: Type.Record(Type.String(), Type.String()),
    battery: Nullable(Type.Number()),
    firstSeen: Type.Number(),
    /** When the device was last heard from (a reading, an advertisement, a connection). */
    lastSeen: Type.Number(),
    /** Time of the newest reading kept from it; null before its first. */
    lastReadingAt: Nullable(Type.Number()),
  },
  { additionalProperties: false },
);
export type DeviceSummary = Static<typeof DeviceSummary>;

/**
 * `PATCH /api/v1/devices/:id`: rename, (re)assign (null takes the device from its person), map
 * user slots. The slots' JSON form (keys are slot numbers) has no TypeBox builder, so it is given as is.
 */
export const DevicePatchBody = Type.Object(
  {
    name: Type.Optional(Name),
    personId: Type.Optional(Nullable(Id)),
    userSlots: Type.Optional(
      Type.Unsafe<Record<string, string>>({ type: 'object', maxProperties: 16, additionalProperties: Id, propertyNames: { pattern: '^[0-9]{1,3}$' } }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type DevicePatchBody = Static<typeof DevicePatchBody>;

/** `DELETE /api/v1/devices/:id`: the device is gone from the household, its history kept. */
export const ForgottenDevice = Type.Object({ id: Type.String(), forgotten: Type.Literal(true) }, { additionalProperties: false });
export type ForgottenDevice = Static<typeof ForgottenDevice>;

/** A device heard while the pairing window is open; `kind` says what it is in words, when its driver does. */
export const FoundDevice = Type.Object(
  { deviceId: Type.String(), name: Nullable(Type.String()), driver: Nullable(Type.String()), kind: Nullable(Type.String()), rssi: Nullable(Type.Number()), ts: Type.Number() },
  { additionalProperties: false },
);
export type FoundDevice = Static<typeof FoundDevice>;

/** `POST` and `DELETE /api/v1/devices/pairing`: whether the window is open, and until when. */
export const PairingWindowState = Type.Object({ open: Type.Boolean(), until: Nullable(Type.Number()) }, { additionalProperties: false });
export type PairingWindowState = Static<typeof PairingWindowState>;

/**
 * `GET /api/v1/devices/pairing`: the window, the devices heard since it opened (newest first), and
 * whether the Bluetooth radio can hear anything at all.
 */
export const PairingState = Type.Object({ ...PairingWindowState.properties, found: ReadonlyList(FoundDevice), bluetooth: BluetoothState }, { additionalProperties: false });
export type PairingState = Static<typeof PairingState>;

/** `POST /api/v1/devices/pairing`: how long to listen (two minutes when not said). */
export const PairingOpenBody = Type.Object({ seconds: Type.Optional(Type.Integer({ minimum: 10, maximum: MAX_PAIRING_SECONDS })) }, { additionalProperties: false });
export type PairingOpenBody = Static<typeof PairingOpenBody>;
