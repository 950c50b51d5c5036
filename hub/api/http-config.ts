import { Type } from 'typebox';
import { defaultsOf, Port, Section, type Settings } from '../config/config-types.js';

/** The `http` section of the hub config: where the dashboard, the API and the live socket listen. */
export const httpConfigSchema = Section({
  host: Type.String({ minLength: 1, default: '0.0.0.0' }),
  /** Environment: HEARTH_HTTP_PORT. */
  port: Port(8080),
  /** Seconds a client has to send a request's headers before its socket is closed (slow-loris); 10 when not set. */
  headersTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 300 })),
  /** Seconds a kept-alive connection may sit idle between requests; 5 when not set. */
  idleSocketSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
});

export type HttpConfig = Settings<typeof httpConfigSchema>;

export const DEFAULT_HTTP_CONFIG: HttpConfig = defaultsOf(httpConfigSchema);
