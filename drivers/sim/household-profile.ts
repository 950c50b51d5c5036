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
  /** Breathing events at night, per hour of sleep: each a 40 s oxygen dip and a swing of the heart. */
  readonly nightDesaturationsPerHour: number;
  /** Their slot on the shared scale and cuff. */
  readonly userSlot: number;
  /**
   * Whether their oximeter stays on through the day (a monitoring oximeter) or comes out for a
   * two-minute check each waking hour; at night both wear it.
   */
  readonly oximeterAllDay: boolean;
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
    // Mild sleep apnea (5 to 15 events an hour).
    nightDesaturationsPerHour: 9,
    userSlot: 1,
    // So that, whatever the hour, the household's live oxygen and pleth are there to see.
    oximeterAllDay: true,
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
    oximeterAllDay: false,
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
