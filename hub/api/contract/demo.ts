import Type, { type Static } from 'typebox';
import { Nullable, ReadonlyList, Time } from './primitives.js';

/** A person or device of the simulated household, by name. */
const Member = Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false });

/** What the store holds of the simulated household. */
const Holdings = {
  readings: Type.Integer({ minimum: 0 }),
  waveformBlocks: Type.Integer({ minimum: 0 }),
  alerts: Type.Integer({ minimum: 0 }),
  insights: Type.Integer({ minimum: 0 }),
  /** Nights and naps SleepOracle worked out. */
  sleepSessions: Type.Integer({ minimum: 0 }),
};

/**
 * `GET /api/v1/demo` (the owner only): the simulated household, what removing it would take, and
 * whether it was removed. Devices of the household's own that belonged to a simulated person stay
 * (they are left unassigned).
 */
export const DemoHousehold = Type.Object(
  {
    /** Its devices are sending now. */
    running: Type.Boolean(),
    /** When the household removed it; it never comes back after. */
    removedAt: Nullable(Time),
    people: ReadonlyList(Member),
    devices: ReadonlyList(Member),
    ...Holdings,
  },
  { additionalProperties: false },
);
export type DemoHousehold = Static<typeof DemoHousehold>;

/** `POST /api/v1/demo/remove` (the owner only): what went, in one transaction. */
export const DemoRemoval = Type.Object(
  {
    removedAt: Time,
    people: Type.Integer({ minimum: 0 }),
    devices: Type.Integer({ minimum: 0 }),
    /** Devices of the household's own that stay, no longer anyone's. */
    devicesUnassigned: Type.Integer({ minimum: 0 }),
    series: Type.Integer({ minimum: 0 }),
    rollups: Type.Integer({ minimum: 0 }),
    /** Lines of the devices' history of connections and availability. */
    deviceEvents: Type.Integer({ minimum: 0 }),
    grants: Type.Integer({ minimum: 0 }),
    ...Holdings,
  },
  { additionalProperties: false },
);
export type DemoRemoval = Static<typeof DemoRemoval>;
