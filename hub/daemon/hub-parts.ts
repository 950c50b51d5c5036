import { SimulatedHousehold } from '../../drivers/sim/simulated-household.js';
import { alertsPart } from '../alerts/alerts-part.js';
import { apiPart } from '../api/api-part.js';
import { backupPart } from '../backup/backup-part.js';
import { inferencePart } from '../inference/inference-part.js';
import { sleeporaclePart } from '../apps/sleeporacle/sleeporacle-part.js';
import { healthquestPart } from '../apps/healthquest/healthquest-part.js';
import { nutriversePart } from '../apps/nutriverse/nutriverse-part.js';
import { mqttPart } from '../mqtt/mqtt-part.js';
import { observabilityPart } from '../observability/observability-part.js';
import { relayPart } from '../relay/relay-part.js';
import { bleSource } from '../sources/ble-source.js';
import { ReplaySource } from '../sources/replay-source.js';
import { SimulatedHouseholdSource } from '../sources/simulated-household-source.js';
import { serialSource } from '../sources/serial-source.js';
import type { HubContext, HubPartFactory } from './hub-part.js';

/** `auto`: simulate when no real device is configured, so a fresh box shows something alive. */
function simulationWanted({ config }: HubContext): boolean {
  const { simulation, household, replay } = config;
  if (simulation.enabled === 'auto') return household.devices.length === 0 && !replay.enabled;
  return simulation.enabled;
}

/**
 * The simulated household, unless the household removed it (then never again, whatever the
 * config says). While it runs, the API may pause it for good through `services.simulation`.
 */
export const simulationPart: HubPartFactory = (context) => {
  if (!simulationWanted(context)) return undefined;
  const logger = context.logging.part('simulation');
  const removedAt = context.registry.simulated.removedAt();
  if (removedAt !== undefined) {
    logger.info({ removedAt: new Date(removedAt).toISOString() }, 'the simulated household was removed from this hub; not started');
    return undefined;
  }
  const source = new SimulatedHouseholdSource({
    household: new SimulatedHousehold(context.config.simulation.seed),
    registry: context.registry,
    ingest: context.ingest,
    clock: context.clock,
    logger,
    bus: context.bus,
    configuredPersonIds: context.config.household.people.map((p) => p.id),
  });
  const status = context.services.sources;
  let running = false;
  const resume = async (): Promise<void> => {
    if (running) return;
    await source.start();
    running = true;
    status.simulationStarted();
  };
  const pause = async (): Promise<void> => {
    if (!running) return;
    running = false;
    status.simulationStopped();
    await source.stop();
  };
  const control = { pause, resume };
  return {
    name: 'simulation',
    start: async () => {
      await resume();
      context.services.simulation.provide(control);
    },
    stop: async () => {
      context.services.simulation.withdraw(control);
      await pause();
    },
  };
};

const replay: HubPartFactory = (context) => {
  if (!context.config.replay.enabled) return undefined;
  const source = new ReplaySource({
    ...context.config.replay,
    registry: context.registry,
    ingest: context.ingest,
    clock: context.clock,
    logger: context.logging.part('replay'),
  });
  return { name: 'replay', start: () => source.start(), stop: () => source.stop() };
};

/** Parts that consume or serve what the hub holds (API, broker, alerts, inference…), in start order. */
export const CONSUMER_PARTS: readonly HubPartFactory[] = [mqttPart, apiPart, alertsPart, inferencePart, sleeporaclePart, healthquestPart, nutriversePart, relayPart, observabilityPart, backupPart];

/** Parts that bring readings in. They start after every consumer is listening, and stop first. */
export const SOURCE_PARTS: readonly HubPartFactory[] = [simulationPart, replay, bleSource, serialSource];
