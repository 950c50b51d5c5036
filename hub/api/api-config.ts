import { Type } from 'typebox';
import { defaultsOf, Section, type Settings } from '../config/config-types.js';

const minutes = (maximum: number, defaultValue: number) => Type.Integer({ minimum: 1, maximum, default: defaultValue });

/**
 * Bounds on GraphQL work, so that no request can take the box's memory or hold its event loop
 * while devices wait for their acknowledgements.
 */
const graphqlLimitsSchema = Section({
  /** Aliased fields in one operation (each alias of `series` is another query of the store). */
  maxAliases: Type.Integer({ minimum: 0, maximum: 1000, default: 15 }),
  /** The operation's static cost (graphql-armor's cost-limit: objects 2, scalars 1, ×1.5 a level). */
  maxCost: Type.Integer({ minimum: 10, maximum: 1_000_000, default: 5000 }),
  /** Lexical tokens in one document; the standard introspection query has about 300. */
  maxTokens: Type.Integer({ minimum: 100, maximum: 100_000, default: 1000 }),
  /** Nesting of fields, outside introspection (which graphql-js bounds on its own). */
  maxDepth: Type.Integer({ minimum: 2, maximum: 64, default: 8 }),
  /** Largest JSON answer of one request. */
  maxAnswerBytes: Type.Integer({ minimum: 65_536, maximum: 67_108_864, default: 2_097_152 }),
  /** Requests executed at once; more wait their turn. */
  maxRunning: Type.Integer({ minimum: 1, maximum: 64, default: 2 }),
  /** Requests that may wait; beyond them a request is refused with 503 and Retry-After. */
  maxWaiting: Type.Integer({ minimum: 0, maximum: 1000, default: 16 }),
});

/** The `api` section of the hub config: the dashboard's HTTP API, its sessions and login limits. */
export const apiConfigSchema = Section({
  enabled: Type.Boolean({ default: true }),
  /** The built dashboard; '' means ui/dist of this installation. */
  uiDir: Type.String({ default: '' }),
  sessionIdleMinutes: minutes(1440, 30),
  sessionMaxHours: Type.Integer({ minimum: 1, maximum: 720, default: 12 }),
  /** Failed logins of one username from one address (or one trusted browser) within the window that lock that address (or browser) out of it. */
  loginMaxFailures: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  /** Failed logins from one address within the window, whatever the usernames, that block it. */
  loginAddressMaxFailures: Type.Integer({ minimum: 1, maximum: 10_000, default: 20 }),
  /** Failed logins of one username from all browsers without a device cookie that lock those out of it; browsers it logged in from before keep their way in. */
  loginUntrustedMaxFailures: Type.Integer({ minimum: 1, maximum: 10_000, default: 20 }),
  loginWindowMinutes: minutes(1440, 15),
  lockoutMinutes: minutes(1440, 15),
  /** How long a browser stays trusted for a user after logging in as them (its device cookie). */
  trustedDeviceDays: Type.Integer({ minimum: 1, maximum: 3650, default: 180 }),
  graphql: graphqlLimitsSchema,
});

export type ApiConfig = Settings<typeof apiConfigSchema>;

export type GraphqlLimits = ApiConfig['graphql'];

export const DEFAULT_API_CONFIG: ApiConfig = defaultsOf(apiConfigSchema);
