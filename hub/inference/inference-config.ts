import { Type } from 'typebox';
import { defaultsOf, Section, type Settings } from '../config/config-types.js';

/** The `inference` section of the config: live scoring with the shipped models. */
export const inferenceConfigSchema = Section({
  enabled: Type.Boolean({ default: true }),
  /** Folder of the models (one sub-folder each); '' means models/ of this installation. */
  modelsDir: Type.String({ default: '' }),
  af: Section({
    enabled: Type.Boolean({ default: true }),
    /** An AF insight needs the probability over the model's threshold for this long without a break. */
    sustainedMinutes: Type.Number({ minimum: 0, maximum: 1440, default: 5 }),
    /** After an AF insight for a person, no new one for this long (one episode, one insight). */
    quietHours: Type.Number({ minimum: 0, maximum: 720, default: 12 }),
  }),
  illness: Section({
    enabled: Type.Boolean({ default: true }),
    /** Hours the hourly job catches up on after the hub was off. */
    catchUpHours: Type.Integer({ minimum: 1, maximum: 720, default: 48 }),
  }),
});

export type InferenceConfig = Settings<typeof inferenceConfigSchema>;

export const DEFAULT_INFERENCE_CONFIG: InferenceConfig = defaultsOf(inferenceConfigSchema);
