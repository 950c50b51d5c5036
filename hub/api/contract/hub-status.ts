import Type, { type Static } from 'typebox';
import { Nullable, StringEnum } from './primitives.js';

/**
 * Whether the hub's Bluetooth radio can be used: `ready` (`emulated` for the demo's emulated
 * peripherals), `starting`, or `unavailable` with the problem and the hub's own sentence for it.
 * Devices relayed by a BLE gateway over MQTT are heard either way.
 */
export const BluetoothState = Type.Object(
  {
    state: StringEnum(['ready', 'starting', 'unavailable']),
    emulated: Type.Boolean(),
    /** no_adapter, permission, powered_off, not_loaded (noble failed), disabled (switched off in the config). */
    problem: Nullable(StringEnum(['no_adapter', 'permission', 'powered_off', 'not_loaded', 'disabled'])),
    detail: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type BluetoothState = Static<typeof BluetoothState>;

/** `GET /api/v1/hub`: what the hub's sources say about themselves, for everyone signed in. */
export const HubStatus = Type.Object(
  {
    /** The simulated household is streaming: the people and readings on screen are not real. */
    demo: Type.Object({ running: Type.Boolean() }, { additionalProperties: false }),
    bluetooth: BluetoothState,
  },
  { additionalProperties: false },
);
export type HubStatus = Static<typeof HubStatus>;
