/** The `inference` section of the config: live scoring with the shipped models. */

export interface InferenceConfig {
  readonly enabled: boolean;
  /** Folder of the models (one sub-folder each); '' means models/ of this installation. */
  readonly modelsDir: string;
  readonly af: {
    readonly enabled: boolean;
    /** An AF insight needs the probability over the model's threshold for this long without a break. */
    readonly sustainedMinutes: number;
    /** After an AF insight for a person, no new one for this long (one episode, one insight). */
    readonly quietHours: number;
  };
  readonly illness: {
    readonly enabled: boolean;
    /** Hours the hourly job catches up on after the hub was off. */
    readonly catchUpHours: number;
  };
}

export const DEFAULT_INFERENCE_CONFIG: InferenceConfig = {
  enabled: true,
  modelsDir: '',
  af: { enabled: true, sustainedMinutes: 5, quietHours: 12 },
  illness: { enabled: true, catchUpHours: 48 },
};

export const inferenceConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    modelsDir: { type: 'string' },
    af: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        sustainedMinutes: { type: 'number', minimum: 0, maximum: 1440 },
        quietHours: { type: 'number', minimum: 0, maximum: 720 },
      },
    },
    illness: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        catchUpHours: { type: 'integer', minimum: 1, maximum: 720 },
      },
    },
  },
} as const;
