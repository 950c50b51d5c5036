import { defaultsOf } from './config-types.js';
import { hubConfigSchema, type HubConfig } from './hub-config.js';

/** The config of a hub whose file says nothing: every section's own defaults. */
export const DEFAULT_CONFIG: HubConfig = defaultsOf(hubConfigSchema);
