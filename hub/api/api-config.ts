import { Type } from 'typebox';
import { defaultsOf, Section, type Settings } from '../config/config-types.js';

const minutes = (maximum: number, defaultValue: number) => Type.Integer({ minimum: 1, maximum, default: defaultValue });

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
});

export type ApiConfig = Settings<typeof apiConfigSchema>;

export const DEFAULT_API_CONFIG: ApiConfig = defaultsOf(apiConfigSchema);
