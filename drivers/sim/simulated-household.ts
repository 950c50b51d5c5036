import { SIMULATED_PEOPLE, simulatedDeviceIds, type SimulatedPerson } from './household-profile.js';
import { SimulatedHeartRateStrap } from './heart-rate-strap.js';
import { SimulatedPulseOximeter } from './pulse-oximeter.js';
import { SimulatedBloodPressureCuff, SimulatedScale, SimulatedThermometer } from './shared-measurement-devices.js';
import type { SimulatedDevice, SimulatedPacket } from './simulated-device.js';

export interface SimulatedDeviceAssignment {
  readonly id: string;
  readonly driver: string;
  readonly name: string;
  readonly personId?: string;
  readonly userSlots?: Readonly<Record<string, string>>;
}

/**
 * Two people, each with a chest strap (heart rate and ECG), an oximeter (SpO2, pulse and pleth)
 * and a thermometer, sharing a blood-pressure cuff and a scale. `advance` yields the bytes all devices sent up to a time, in time order.
 */
export class SimulatedHousehold {
  readonly people: readonly SimulatedPerson[];
  readonly devices: readonly SimulatedDevice[];
  private lastAdvanced: number | undefined;

  constructor(seed: number, people: readonly SimulatedPerson[] = SIMULATED_PEOPLE) {
    this.people = people;
    this.devices = [
      ...people.flatMap((p) => [new SimulatedHeartRateStrap(p, seed), new SimulatedPulseOximeter(p, seed), new SimulatedThermometer(p)]),
      new SimulatedBloodPressureCuff(people),
      new SimulatedScale(people),
    ];
  }

  /** Who each device belongs to, as the household would set it up on the dashboard. */
  assignments(): SimulatedDeviceAssignment[] {
    const slots = Object.fromEntries(this.people.map((p) => [String(p.userSlot), p.id]));
    return this.devices.map((d) => {
      if (d.id === simulatedDeviceIds.cuff || d.id === simulatedDeviceIds.scale) return { id: d.id, driver: d.driver, name: d.name, userSlots: slots };
      const owner = this.people.find((p) => d.id.endsWith(`-${p.id}`));
      return { id: d.id, driver: d.driver, name: d.name, ...(owner !== undefined ? { personId: owner.id } : {}) };
    });
  }

  advance(to: number): SimulatedPacket[] {
    const from = this.lastAdvanced;
    this.lastAdvanced = to;
    return this.devices.flatMap((d) => d.advance(from, to)).sort((a, b) => a.at - b.at);
  }
}
