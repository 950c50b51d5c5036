import { Type } from 'typebox';
import { AutoOrBoolean, defaultsOf, Section, type Settings } from '../config/config-types.js';

/** The `simulation` section of the hub config: the simulated household of the demo. */
export const simulationConfigSchema = Section({
  /** `auto`: run the simulated household when no real device is configured. */
  enabled: AutoOrBoolean('auto'),
  /** Accepted for files that set it; the simulated household runs on the hub's clock. */
  speed: Type.Number({ exclusiveMinimum: 0, maximum: 100_000, default: 1 }),
  /** The same seed gives the same household and the same readings. */
  seed: Type.Integer({ default: 42 }),
});

export type SimulationConfig = Settings<typeof simulationConfigSchema>;

export const DEFAULT_SIMULATION_CONFIG: SimulationConfig = defaultsOf(simulationConfigSchema);
