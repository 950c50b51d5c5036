import type { Clock } from '../../core/clock.js';
import type { Db } from '../store/index.js';
import { migrate } from '../store/index.js';
import { ACCOUNTS_MIGRATIONS, ACCOUNTS_PART } from './accounts-schema.js';
import { CredentialEvents } from './credential-events.js';
import { LoginLimiter, type LoginBlock, type LoginLimits } from './login-limiter.js';
import { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword, type ScryptCost } from './password-hash.js';
import { sessionPrincipal, tokenPrincipal, type Principal } from './principal.js';
import { SessionStore, type IssuedSession, type Session, type SessionLimits } from './session-store.js';
import { SettingsStore } from './settings-store.js';
import { TokenStore } from './token-store.js';
import { UserStore, type User } from './user-store.js';

export interface AccountsOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly sessions: SessionLimits;
  readonly login: LoginLimits;
  readonly scryptCost?: ScryptCost;
}

export type LoginOutcome =
  | { readonly ok: true; readonly user: User; readonly session: IssuedSession }
  | { readonly ok: false; readonly reason: 'bad_credentials' }
  | { readonly ok: false; readonly reason: 'blocked'; readonly block: LoginBlock };

/** Users, sessions, tokens, settings and the login limiter over one SQLite database. */
export class Accounts {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly tokens: TokenStore;
  readonly settings: SettingsStore;
  readonly limiter: LoginLimiter;
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
    this.limiter = new LoginLimiter(options.db, options.clock, options.login);
    this.scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
  }

  hash(password: string): Promise<string> {
    return hashPassword(password, this.scryptCost);
  }

  async login(username: string, password: string, address: string): Promise<LoginOutcome> {
    const block = this.limiter.blocked(username, address);
    if (block !== undefined) return { ok: false, reason: 'blocked', block };
    const found = this.users.credentialsOf(username);
    this.decoyHash ??= this.hash('decoy password that matches nothing');
    const ok = await verifyPassword(password, found?.passwordHash ?? (await this.decoyHash));
    if (!ok || found === undefined) {
      this.limiter.noteFailure(username, address);
      return { ok: false, reason: 'bad_credentials' };
    }
    this.limiter.noteSuccess(username);
    return { ok: true, user: found.user, session: this.sessions.issue(found.user.id) };
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
