import { Type } from 'typebox';
import { defaultsOf, Section, type Settings } from '../../config/config-types.js';

/** The `sleeporacle` section of the config: the household's nights, analysed on the box. */
export const sleeporacleConfigSchema = Section({
  enabled: Type.Boolean({ default: true }),
  /** The household's time zone for the night a session belongs to; '' is the box's own. */
  timeZone: Type.String({ default: '' }),
});

export type SleepOracleConfig = Settings<typeof sleeporacleConfigSchema>;

export const DEFAULT_SLEEPORACLE_CONFIG: SleepOracleConfig = defaultsOf(sleeporacleConfigSchema);
