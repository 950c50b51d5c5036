import { join } from 'node:path';
import { alertsPart } from '../../../hub/alerts/alerts-part.js';
import { sleeporaclePart } from '../../../hub/apps/sleeporacle/sleeporacle-part.js';
import { apiPartFactory } from '../../../hub/api/api-part.js';
import { DEFAULT_CONFIG } from '../../../hub/config/defaults.js';
import type { HubConfig } from '../../../hub/config/hub-config.js';
import { Hub } from '../../../hub/daemon/hub.js';
import type { HubPartFactory } from '../../../hub/daemon/hub-part.js';
import { simulationPart } from '../../../hub/daemon/hub-parts.js';
import { inferencePart } from '../../../hub/inference/inference-part.js';
import { HubLogging } from '../../../hub/log/logger.js';
import { TEST_SCRYPT } from '../api-harness.js';

/** The simulated household's people and devices, as the simulation names them. */
export const DEMO_PEOPLE = ['alex', 'sam'];
export const DEMO_DEVICES = ['sim:strap-alex', 'sim:oximeter-alex', 'sim:thermometer-alex', 'sim:strap-sam', 'sim:oximeter-sam', 'sim:thermometer-sam', 'sim:bp-cuff', 'sim:scale'];

export interface DemoHub {
  readonly hub: Hub;
  readonly base: string;
  stop(): Promise<void>;
}

/**
 * A real hub in this process over the SQLite file in `dataDir`, as a fresh box runs: no device in
 * the config, so the simulated household (the hub's own part, on the real clock) streams; the
 * dashboard API, alerts, the models and SleepOracle beside it.
 */
export async function startDemoHub(dataDir: string, options: { readonly inference?: boolean; readonly extraConsumers?: readonly HubPartFactory[] } = {}): Promise<DemoHub> {
  const config: HubConfig = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { host: '127.0.0.1', port: 0 },
    api: { ...DEFAULT_CONFIG.api, uiDir: join(dataDir, 'no-ui') },
    household: { people: [], devices: [] },
    simulation: { ...DEFAULT_CONFIG.simulation, enabled: true },
    // The alert rules run on readings; the time-driven jobs stay out of the way (once a year).
    scheduler: { jobs: { ...DEFAULT_CONFIG.scheduler.jobs, alerts: '0 0 1 1 *', illness: '0 0 1 1 *', 'sleep-analysis': '0 0 1 1 *' } },
  };
  const consumers = [apiPartFactory({ scryptCost: TEST_SCRYPT }), alertsPart, ...(options.inference === false ? [] : [inferencePart]), sleeporaclePart, ...(options.extraConsumers ?? [])];
  const hub = new Hub({ config, logging: new HubLogging({ level: 'silent' }), parts: { consumers, sources: [simulationPart] } });
  await hub.start();
  const address = hub.listeningAddress;
  if (address === undefined) throw new Error('the hub did not listen');
  return { hub, base: address.replace('0.0.0.0', '127.0.0.1'), stop: () => hub.stop() };
}
