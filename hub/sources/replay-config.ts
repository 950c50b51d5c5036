import { Type } from 'typebox';
import { defaultsOf, Section, type Settings } from '../config/config-types.js';

/** The `replay` section of the hub config: recorded smartwatch heart rate and steps played into the hub (demo, load tests). */
export const replayConfigSchema = Section({
  enabled: Type.Boolean({ default: false }),
  /** A folder of `<id>_hr.csv.gz` (and `<id>_steps.csv.gz`) recordings. */
  dir: Type.String({ minLength: 1, default: '../shared/data/wearable-replay' }),
  /** Recording seconds played per wall-clock second. */
  speed: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, default: 60 }),
  maxParticipants: Type.Integer({ minimum: 1, maximum: 100, default: 2 }),
});

export type ReplayConfig = Settings<typeof replayConfigSchema>;

export const DEFAULT_REPLAY_CONFIG: ReplayConfig = defaultsOf(replayConfigSchema);
