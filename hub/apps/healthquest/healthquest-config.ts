import { Type } from 'typebox';
import { defaultsOf, Section, type Settings } from '../../config/config-types.js';

/** The `healthquest` section of the config: goals judged from the household's own readings. */
export const healthquestConfigSchema = Section({
  enabled: Type.Boolean({ default: true }),
});

export type HealthQuestConfig = Settings<typeof healthquestConfigSchema>;

export const DEFAULT_HEALTHQUEST_CONFIG: HealthQuestConfig = defaultsOf(healthquestConfigSchema);
