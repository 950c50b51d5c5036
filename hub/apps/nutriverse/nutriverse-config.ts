import { Type } from 'typebox';
import { defaultsOf, Section, type Settings } from '../../config/config-types.js';

/** The `nutriverse` section of the config: the food, drink and medicine journal. */
export const nutriverseConfigSchema = Section({
  enabled: Type.Boolean({ default: true }),
});

export type NutriVerseConfig = Settings<typeof nutriverseConfigSchema>;

export const DEFAULT_NUTRIVERSE_CONFIG: NutriVerseConfig = defaultsOf(nutriverseConfigSchema);
