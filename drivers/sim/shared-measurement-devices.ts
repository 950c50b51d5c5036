import { dateTimeAt } from '../ble/codec/date-time.js';
import { encodeBloodPressureMeasurement } from '../ble/encoders/blood-pressure-measurement.js';
import { encodeTemperatureMeasurement } from '../ble/encoders/temperature-measurement.js';
import { encodeWeightMeasurement } from '../ble/encoders/weight-measurement.js';
import { simulatedDeviceIds, type SimulatedPerson } from './household-profile.js';
import { bloodPressure, bodyTemperature, bodyWeight } from './physiology.js';
import { dailyOccurrences, lastDailyOccurrences, SIM_DECODE_OPTIONS, type SimulatedDevice, type SimulatedPacket } from './simulated-device.js';

interface DailyMeasurement {
  readonly person: SimulatedPerson;
  readonly hour: number;
  readonly offsetMinutes: number;
}

/**
 * A device the household shares and uses at set times of day, that timestamps each measurement and
 * keeps a memory it sends again whenever a client subscribes (BP cuffs, scales, thermometers).
 */
abstract class DailyMeasurementDevice implements SimulatedDevice {
  abstract readonly id: string;
  abstract readonly driver: string;
  abstract readonly name: string;
  protected abstract readonly formatId: string;
  protected abstract readonly schedule: readonly DailyMeasurement[];
  /** How many past measurements per person the device remembers. */
  protected abstract readonly memory: number;

  advance(from: number | undefined, to: number): SimulatedPacket[] {
    const packets: SimulatedPacket[] = [];
    for (const slot of this.schedule) {
      const times = from === undefined ? lastDailyOccurrences(to, slot.hour, slot.offsetMinutes, this.memory) : dailyOccurrences(from, to, slot.hour, slot.offsetMinutes);
      for (const at of times) {
        packets.push({ deviceId: this.id, formatId: this.formatId, bytes: this.encode(slot.person, at), at: Math.max(at, from ?? to), decodeOptions: SIM_DECODE_OPTIONS });
      }
    }
    return packets.sort((a, b) => a.at - b.at);
  }

  protected abstract encode(person: SimulatedPerson, at: number): Uint8Array;
}

const IRREGULAR_PULSE = 1 << 2;

/** An upper-arm cuff (Blood Pressure profile) shared by the household, one user slot each. */
export class SimulatedBloodPressureCuff extends DailyMeasurementDevice {
  readonly id = simulatedDeviceIds.cuff;
  readonly driver = 'ble-blood-pressure';
  readonly name = 'Blood-pressure cuff';
  protected readonly formatId = '2a35';
  protected readonly memory = 5;
  protected readonly schedule: readonly DailyMeasurement[];

  constructor(people: readonly SimulatedPerson[]) {
    super();
    this.schedule = people.flatMap((person, i) => [
      { person, hour: person.wakeHour + 0.5, offsetMinutes: 10 * i },
      { person, hour: 21, offsetMinutes: 10 * i },
    ]);
  }

  protected encode(person: SimulatedPerson, at: number): Uint8Array {
    const bp = bloodPressure(person, at);
    return encodeBloodPressureMeasurement({
      systolic: bp.systolic,
      diastolic: bp.diastolic,
      map: Math.round((bp.systolic + 2 * bp.diastolic) / 3),
      timestamp: dateTimeAt(at, 0),
      pulseRate: bp.pulse,
      userId: person.userSlot,
      status: bp.irregular ? IRREGULAR_PULSE : 0,
    });
  }
}

/** A bathroom scale (Weight Scale profile) with a user slot per person, used on waking. */
export class SimulatedScale extends DailyMeasurementDevice {
  readonly id = simulatedDeviceIds.scale;
  readonly driver = 'ble-weight-scale';
  readonly name = 'Bathroom scale';
  protected readonly formatId = '2a9d';
  protected readonly memory = 3;
  protected readonly schedule: readonly DailyMeasurement[];

  constructor(people: readonly SimulatedPerson[]) {
    super();
    this.schedule = people.map((person) => ({ person, hour: person.wakeHour, offsetMinutes: 12 }));
  }

  protected encode(person: SimulatedPerson, at: number): Uint8Array {
    const weight = bodyWeight(person, at);
    const bmi = Math.round((weight / (person.heightM * person.heightM)) * 10) / 10;
    return encodeWeightMeasurement({ weight, timestamp: dateTimeAt(at, 0), userId: person.userSlot, bmiAndHeight: { bmi, height: person.heightM } });
  }
}

const EAR = 3;

/**
 * An ear thermometer (Health Thermometer profile). It has no user slots: each person's evening
 * reading is taken on their own thermometer, so there is one device per person.
 */
export class SimulatedThermometer extends DailyMeasurementDevice {
  readonly id: string;
  readonly driver = 'ble-health-thermometer';
  readonly name: string;
  protected readonly formatId = '2a1c';
  protected readonly memory = 2;
  protected readonly schedule: readonly DailyMeasurement[];

  constructor(person: SimulatedPerson) {
    super();
    this.id = simulatedDeviceIds.thermometer(person.id);
    this.name = `${person.name}'s thermometer`;
    this.schedule = [{ person, hour: 21, offsetMinutes: 30 }];
  }

  protected encode(person: SimulatedPerson, at: number): Uint8Array {
    return encodeTemperatureMeasurement({ value: bodyTemperature(person, at), timestamp: dateTimeAt(at, 0), temperatureType: EAR });
  }
}
