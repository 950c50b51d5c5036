import type { Clock } from '../../core/clock.js';
import type { Db } from '../store/index.js';
import type { CredentialEvents } from './credential-events.js';
import type { TokenScope } from './roles.js';
import { randomId, randomSecret, secretHash } from './secrets.js';

export const TOKEN_PREFIX = 'hth_';

export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  /** When set, the token reaches only these people (and only those its user may see). */
  readonly personIds?: readonly string[];
  readonly createdAt: number;
  readonly lastUsedAt?: number;
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  scopes: string;
  person_ids: string | null;
  created_at: number;
  last_used: number | null;
}

const TOUCH_EVERY_MS = 60_000;

/** Long-lived API tokens for integrations: only a hash is stored, the token is shown once. */
export class TokenStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events?: CredentialEvents,
  ) {}

  create(userId: string, name: string, scopes: readonly TokenScope[], personIds?: readonly string[]): { token: string; info: ApiToken } {
    const id = randomId('t-');
    const token = `${TOKEN_PREFIX}${randomSecret()}`;
    const createdAt = this.clock.now();
    this.db
      .prepare('INSERT INTO account_token (id, token_hash, user_id, name, scopes, person_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, secretHash(token), userId, name, JSON.stringify(scopes), personIds === undefined ? null : JSON.stringify(personIds), createdAt);
    return { token, info: { id, userId, name, scopes: [...scopes], ...(personIds !== undefined ? { personIds: [...personIds] } : {}), createdAt } };
  }

  /** The token a bearer string stands for, noting its use; undefined when unknown or revoked. */
  resolve(token: string): ApiToken | undefined {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const hash = secretHash(token);
    const row = this.db.prepare<[string], TokenRow>('SELECT id, user_id, name, scopes, person_ids, created_at, last_used FROM account_token WHERE token_hash = ?').get(hash);
    if (row === undefined) return undefined;
    const now = this.clock.now();
    if (row.last_used === null || now - row.last_used >= TOUCH_EVERY_MS) {
      this.db.prepare('UPDATE account_token SET last_used = ? WHERE id = ?').run(now, row.id);
      row.last_used = now;
    }
    return fromRow(row);
  }

  list(): ApiToken[] {
    return this.db
      .prepare<[], TokenRow>('SELECT id, user_id, name, scopes, person_ids, created_at, last_used FROM account_token ORDER BY created_at, id')
      .all()
      .map(fromRow);
  }

  revoke(id: string): boolean {
    const revoked = this.db.prepare('DELETE FROM account_token WHERE id = ?').run(id).changes > 0;
    if (revoked) this.events?.emit({ kind: 'token.revoked', tokenId: id });
    return revoked;
  }
}

function fromRow(row: TokenRow): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as TokenScope[],
    ...(row.person_ids !== null ? { personIds: JSON.parse(row.person_ids) as string[] } : {}),
    createdAt: row.created_at,
    ...(row.last_used !== null ? { lastUsedAt: row.last_used } : {}),
  };
}
