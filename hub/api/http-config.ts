import { Type } from 'typebox';
import { defaultsOf, Port, Section, type Settings } from '../config/config-types.js';

/** The `http` section of the hub config: where the dashboard, the API and the live socket listen. */
export const httpConfigSchema = Section({
  host: Type.String({ minLength: 1, default: '0.0.0.0' }),
  /** Environment: HEARTH_HTTP_PORT. */
  port: Port(8080),
});

export type HttpConfig = Settings<typeof httpConfigSchema>;

export const DEFAULT_HTTP_CONFIG: HttpConfig = defaultsOf(httpConfigSchema);
