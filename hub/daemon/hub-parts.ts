import { SimulatedHousehold } from '../../drivers/sim/simulated-household.js';
import { alertsPart } from '../alerts/alerts-part.js';
import { apiPart } from '../api/api-part.js';
import { backupPart } from '../backup/backup-part.js';
import { inferencePart } from '../inference/inference-part.js';
import { sleeporaclePart } from '../apps/sleeporacle/sleeporacle-part.js';
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

const simulation: HubPartFactory = (context) => {
  if (!simulationWanted(context)) return undefined;
  const source = new SimulatedHouseholdSource({
    household: new SimulatedHousehold(context.config.simulation.seed),
    registry: context.registry,
    ingest: context.ingest,
    clock: context.clock,
    logger: context.logging.part('simulation'),
    bus: context.bus,
  });
  const status = context.services.sources;
  return {
    name: 'simulation',
    start: async () => {
      await source.start();
      status.simulationStarted();
    },
    stop: async () => {
      status.simulationStopped();
      await source.stop();
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
export const CONSUMER_PARTS: readonly HubPartFactory[] = [mqttPart, apiPart, alertsPart, inferencePart, sleeporaclePart, relayPart, observabilityPart, backupPart];

/** Parts that bring readings in. They start after every consumer is listening, and stop first. */
export const SOURCE_PARTS: readonly HubPartFactory[] = [simulation, replay, bleSource, serialSource];
