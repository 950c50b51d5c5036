import type { Logger } from 'pino';
import type { SimulatedHousehold } from '../../drivers/sim/simulated-household.js';
import type { SimulatedPacket } from '../../drivers/sim/simulated-device.js';
import { BerryMedBciStreamDecoder, BCI_PACKETS_PER_SECOND } from '../../drivers/serial/berrymed-bci.js';
import { PacketBatcher } from '../../drivers/serial/packet-batcher.js';
import type { Clock } from '../../core/clock.js';
import type { HubBus } from '../bus/hub-events.js';
import type { HouseholdRegistry } from '../household/household-registry.js';
import type { Ingest, IngestOptions } from '../ingest/ingest.js';

export interface SimulatedHouseholdSourceOptions {
  readonly household: SimulatedHousehold;
  readonly registry: HouseholdRegistry;
  readonly ingest: Ingest;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tickMs?: number;
  /** Where the devices' connections are told, as a radio's would be; left out where nobody listens. */
  readonly bus?: HubBus;
  /** People the config file names: a simulated person with one of their ids is the household's own, never removed with the demo. */
  readonly configuredPersonIds?: readonly string[];
}

/** A BCI stream reframed and cut into one batch per second of device time, as the radio's session does. */
class BciStream {
  private readonly decoder = new BerryMedBciStreamDecoder();
  private readonly batcher = new PacketBatcher(BCI_PACKETS_PER_SECOND, this.decoder.plethRateHz);

  constructor(
    private readonly deviceId: string,
    private readonly ingest: Ingest,
  ) {}

  push(packet: SimulatedPacket, options: IngestOptions): void {
    for (const batch of this.batcher.add(this.decoder.push(packet.bytes)).batches) {
      this.ingest.submit({ deviceId: this.deviceId, readings: batch.readings, waveforms: batch.waveforms, receivedAt: packet.at }, options);
    }
  }
}

/**
 * Runs the simulated household on the hub's clock: its people and devices are registered (and
 * named) as a household would set them up, and noted as the simulated household's, so that the
 * household can remove them with all their data; every second the devices' bytes go through the
 * decoders and the gate like a real device's; each accepted batch marks its device as seen (a
 * device the household forgot stays forgotten).
 */
export class SimulatedHouseholdSource {
  private timer: NodeJS.Timeout | undefined;
  private readonly drivers: ReadonlyMap<string, string>;
  private readonly streams = new Map<string, BciStream>();

  constructor(private readonly options: SimulatedHouseholdSourceOptions) {
    this.drivers = new Map(options.household.devices.map((d) => [d.id, d.driver]));
  }

  async start(): Promise<void> {
    const { household, registry, logger } = this.options;
    for (const person of household.people) {
      if (registry.listPeople().every((p) => p.id !== person.id)) registry.savePerson({ id: person.id, name: person.name, birthYear: person.birthYear });
    }
    for (const device of household.assignments()) {
      const known = registry.device(device.id);
      registry.noteDeviceSeen(device.id, device.driver);
      if (known === undefined) registry.assignDevice(device.id, device.personId, device.userSlots);
      if (known?.name === undefined) this.name(device.id, device.name);
    }
    const configured = new Set(this.options.configuredPersonIds ?? []);
    registry.simulated.note({ personIds: household.people.map((p) => p.id).filter((id) => !configured.has(id)), deviceIds: household.devices.map((d) => d.id) });
    logger.info({ people: household.people.length, devices: household.devices.length }, 'simulated household started');
    this.tellConnections(true);
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 1000);
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    if (this.timer !== undefined) this.tellConnections(false);
    this.timer = undefined;
    this.streams.clear();
  }

  /** The simulated devices stream from the moment the household starts until it stops: connected all that while. */
  private tellConnections(connected: boolean): void {
    const { household, registry, clock, bus } = this.options;
    const ts = clock.now();
    for (const device of household.devices) {
      if (registry.device(device.id) !== undefined) bus?.emit('device.connection', { deviceId: device.id, connected, ts });
    }
  }

  /** Delivers everything the devices sent up to now. */
  tick(): void {
    const { household, registry, clock, ingest } = this.options;
    for (const packet of household.advance(clock.now())) {
      const driver = this.drivers.get(packet.deviceId);
      const options: IngestOptions = driver !== undefined && registry.device(packet.deviceId) !== undefined ? { seenVia: driver } : {};
      if (packet.framing === 'berrymed-bci') this.stream(packet.deviceId).push(packet, options);
      else ingest.submit(packet, options);
    }
  }

  private stream(deviceId: string): BciStream {
    let stream = this.streams.get(deviceId);
    if (stream === undefined) {
      stream = new BciStream(deviceId, this.options.ingest);
      this.streams.set(deviceId, stream);
    }
    return stream;
  }

  /** Names a device the household has not named yet, through the path the config file uses. */
  private name(deviceId: string, name: string): void {
    const { registry } = this.options;
    const device = registry.device(deviceId);
    if (device === undefined) return;
    registry.applyConfig([], [{ id: device.id, name, ...(device.personId !== undefined ? { personId: device.personId } : {}), userSlots: device.userSlots }]);
  }
}
