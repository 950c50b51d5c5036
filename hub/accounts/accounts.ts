import type { Clock } from '../../core/clock.js';
import type { Db } from '../store/index.js';
import { migrate } from '../store/index.js';
import { ACCOUNTS_MIGRATIONS, ACCOUNTS_PART } from './accounts-schema.js';
import { DeviceTrust } from './device-trust.js';
import { CredentialEvents } from './credential-events.js';
import { LoginLimiter, type LoginBlock, type LoginLimits } from './login-limiter.js';
import { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword, type ScryptCost } from './password-hash.js';
import { sessionPrincipal, tokenPrincipal, type Principal } from './principal.js';
import { SessionStore, type IssuedSession, type Session, type SessionLimits } from './session-store.js';
import { SettingsStore } from './settings-store.js';
import { SetupProgressStore } from './setup-progress.js';
import { TokenStore } from './token-store.js';
import { UserStore, type User } from './user-store.js';

export interface AccountsOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly sessions: SessionLimits;
  readonly login: LoginLimits;
  /** How long a device cookie from a successful login keeps its browser trusted. */
  readonly trustedDeviceMs: number;
  readonly scryptCost?: ScryptCost;
}

export interface LoginRequest {
  readonly username: string;
  readonly password: string;
  readonly address: string;
  /** The device cookie the browser sent, if any. */
  readonly deviceCookie?: string | undefined;
}

export type LoginOutcome =
  | { readonly ok: true; readonly user: User; readonly session: IssuedSession; readonly deviceCookie: string }
  | { readonly ok: false; readonly reason: 'bad_credentials' }
  | { readonly ok: false; readonly reason: 'blocked'; readonly block: LoginBlock };

/** Users, sessions, tokens, settings, the first-run setup and the login limiter over one SQLite database. */
export class Accounts {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly tokens: TokenStore;
  readonly settings: SettingsStore;
  /** Where the owner is in the first-run setup. */
  readonly setup: SetupProgressStore;
  readonly limiter: LoginLimiter;
  readonly devices: DeviceTrust;
  /** Revoked tokens, ended sessions, removed or changed accounts, as they happen. */
  readonly events = new CredentialEvents();
  readonly scryptCost: ScryptCost;
  /** Compared against when the username is unknown, so both failures take as long. */
  private decoyHash: Promise<string> | undefined;

  constructor(options: AccountsOptions) {
    migrate(options.db, ACCOUNTS_PART, ACCOUNTS_MIGRATIONS);
    this.users = new UserStore(options.db, options.clock, this.events);
    this.sessions = new SessionStore(options.db, options.clock, options.sessions, this.events);
    this.tokens = new TokenStore(options.db, options.clock, this.events);
    this.settings = new SettingsStore(options.db);
    this.setup = new SetupProgressStore(options.db, options.clock);
    this.limiter = new LoginLimiter(options.db, options.clock, options.login);
    this.devices = new DeviceTrust(options.db, options.clock, options.trustedDeviceMs);
    this.scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
  }

  hash(password: string): Promise<string> {
    return hashPassword(password, this.scryptCost);
  }

  async login(request: LoginRequest): Promise<LoginOutcome> {
    const { username, password, address } = request;
    const found = this.users.credentialsOf(username);
    const trustedDevice = this.devices.trustedId(request.deviceCookie, found?.user.id);
    // Counted before the password is checked, in this same synchronous step: concurrent guesses
    // each see the ones before them.
    const reserved = this.limiter.reserve({ username, address, ...(trustedDevice !== undefined ? { trustedDevice } : {}) });
    if (!reserved.ok) return { ok: false, reason: 'blocked', block: reserved.block };
    this.decoyHash ??= this.hash('decoy password that matches nothing');
    const ok = await verifyPassword(password, found?.passwordHash ?? (await this.decoyHash));
    if (!ok || found === undefined) return { ok: false, reason: 'bad_credentials' };
    reserved.reservation.succeeded();
    return { ok: true, user: found.user, session: this.sessions.issue(found.user.id), deviceCookie: this.devices.rotate(trustedDevice, found.user.id) };
  }

  /** The principal and session behind a session cookie, when it is live and its user still exists. */
  bySession(sessionId: string): { principal: Principal; session: Session } | undefined {
    const session = this.sessions.resolve(sessionId);
    if (session === undefined) return undefined;
    const user = this.users.byId(session.userId);
    return user === undefined ? undefined : { principal: sessionPrincipal(user), session };
  }

  byToken(token: string): Principal | undefined {
    const info = this.tokens.resolve(token);
    if (info === undefined) return undefined;
    const user = this.users.byId(info.userId);
    return user === undefined ? undefined : tokenPrincipal(user, info);
  }
}
