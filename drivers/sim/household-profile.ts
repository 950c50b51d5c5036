import { makeDeviceId } from '../../core/device-id.js';

/** Who lives in the simulated household, and how their bodies behave. */
export interface SimulatedPerson {
  readonly id: string;
  readonly name: string;
  readonly birthYear: number;
  readonly restingHr: number;
  /** Hour of day (local) they fall asleep and wake. */
  readonly sleepHour: number;
  readonly wakeHour: number;
  readonly systolic: number;
  readonly diastolic: number;
  readonly weightKg: number;
  readonly heightM: number;
  readonly spo2: number;
  /** Short oxygen dips at night (mild sleep apnoea), per night hour. */
  readonly nightDesaturationsPerHour: number;
  /** Their slot on the shared scale and cuff. */
  readonly userSlot: number;
}

export const SIMULATED_PEOPLE: readonly SimulatedPerson[] = [
  {
    id: 'alex',
    name: 'Alex',
    birthYear: 1971,
    restingHr: 61,
    sleepHour: 23,
    wakeHour: 7,
    systolic: 128,
    diastolic: 82,
    weightKg: 84.2,
    heightM: 1.8,
    spo2: 96.5,
    nightDesaturationsPerHour: 3,
    userSlot: 1,
  },
  {
    id: 'sam',
    name: 'Sam',
    birthYear: 1984,
    restingHr: 67,
    sleepHour: 22,
    wakeHour: 6,
    systolic: 113,
    diastolic: 72,
    weightKg: 62.8,
    heightM: 1.67,
    spo2: 97.5,
    nightDesaturationsPerHour: 0.3,
    userSlot: 2,
  },
];

/** Device ids of the simulated household, shaped like the ids of real devices. */
export const simulatedDeviceIds = {
  strap: (personId: string) => makeDeviceId('sim', `strap-${personId}`),
  oximeter: (personId: string) => makeDeviceId('sim', `oximeter-${personId}`),
  cuff: makeDeviceId('sim', 'bp-cuff'),
  scale: makeDeviceId('sim', 'scale'),
  thermometer: (personId: string) => makeDeviceId('sim', `thermometer-${personId}`),
} as const;
