import { Ajv, type ErrorObject } from 'ajv';
import { ConfigError, ConfigInvalidError } from './config-errors.js';
import { hubConfigSchema, type HubConfig } from './hub-config.js';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile<HubConfig>(hubConfigSchema);

function keyOf(error: ErrorObject): string {
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    return path === '' ? extra : `${path}.${extra}`;
  }
  return path === '' ? '(top level)' : path;
}

function reasonOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return 'is not a known setting (check its spelling and where it is nested)';
    case 'enum':
      return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'propertyNames':
      return 'has a key of the wrong form';
    default:
      return error.message ?? 'is invalid';
  }
}

/** Checks a complete config against the sections' schemas; every problem names its key and the reason. */
export function checkConfig(config: unknown, source: string): asserts config is HubConfig {
  if (validate(config)) return;
  const seen = new Set<string>();
  const problems: ConfigError[] = [];
  for (const error of validate.errors ?? []) {
    // anyOf reports each branch and then itself; the branches say the useful part.
    if (error.keyword === 'anyOf') continue;
    const problem = new ConfigError(keyOf(error), reasonOf(error));
    if (seen.has(problem.message)) continue;
    seen.add(problem.message);
    problems.push(problem);
  }
  throw new ConfigInvalidError(source, problems);
}
