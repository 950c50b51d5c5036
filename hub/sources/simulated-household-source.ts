import type { Logger } from 'pino';
import type { SimulatedHousehold } from '../../drivers/sim/simulated-household.js';
import type { Clock } from '../../core/clock.js';
import type { HouseholdRegistry } from '../household/household-registry.js';
import type { Ingest } from '../ingest/ingest.js';

export interface SimulatedHouseholdSourceOptions {
  readonly household: SimulatedHousehold;
  readonly registry: HouseholdRegistry;
  readonly ingest: Ingest;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tickMs?: number;
}

/**
 * Runs the simulated household on the hub's clock: its people and devices are registered as a
 * household would set them up, and every second the devices' bytes go through the decoders and
 * the gate like a real device's.
 */
export class SimulatedHouseholdSource {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SimulatedHouseholdSourceOptions) {}

  async start(): Promise<void> {
    const { household, registry, logger } = this.options;
    for (const person of household.people) {
      if (registry.listPeople().every((p) => p.id !== person.id)) registry.savePerson({ id: person.id, name: person.name, birthYear: person.birthYear });
    }
    for (const device of household.assignments()) {
      const known = registry.device(device.id);
      registry.noteDeviceSeen(device.id, device.driver);
      if (known === undefined) registry.assignDevice(device.id, device.personId, device.userSlots);
    }
    logger.info({ people: household.people.length, devices: household.devices.length }, 'simulated household started');
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 1000);
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Delivers everything the devices sent up to now. */
  tick(): void {
    for (const packet of this.options.household.advance(this.options.clock.now())) this.options.ingest.submit(packet);
  }
}
