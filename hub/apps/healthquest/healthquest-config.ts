import { Type } from 'typebox';
import { Section, type Settings } from '../../config/config-types.js';

/** The `healthquest` section of the config: goals judged from the household's own readings. */
export const healthquestConfigSchema = Section({
  enabled: Type.Boolean({ default: true }),
});

export type HealthQuestConfig = Settings<typeof healthquestConfigSchema>;
