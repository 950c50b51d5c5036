import { timingSafeEqual } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import { migrate, type MigrationStep } from '../store/index.js';
import { outboxMigration } from './home-assistant/bridge-outbox.js';
import type { MqttPrincipal, MqttRole } from './mqtt-principal.js';
import { forgetSessionsOf, sessionOwnerMigration } from './client-id-owners.js';
import { hmacHash, newSalt, newSecret, SALT_BYTES, ScryptTurns, type SecretKdf } from './secret-hash.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export const mqttMigrations: readonly MigrationStep[] = [
  (db) =>
    db.exec(`CREATE TABLE mqtt_credential (
      name TEXT PRIMARY KEY,
      role TEXT NOT NULL,
      device_id TEXT,
      person_id TEXT,
      salt BLOB NOT NULL,
      hash BLOB NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT`),
  outboxMigration,
  sessionOwnerMigration,
  // Credentials made before this are kept as scrypt; each is rewritten at its first good connect.
  (db) => db.exec(`ALTER TABLE mqtt_credential ADD COLUMN kdf TEXT NOT NULL DEFAULT 'scrypt'`),
];

export interface MqttCredentialInfo extends MqttPrincipal {
  readonly createdAt: number;
}

export interface NewMqttCredential {
  readonly name: string;
  readonly role: MqttRole;
  readonly deviceId?: string;
  readonly personId?: string;
}

/** A request the user can fix: said in words, never with a stack. */
export class MqttCredentialError extends Error {
  override name = 'MqttCredentialError';
}

interface CredentialRow {
  name: string;
  role: MqttRole;
  device_id: string | null;
  person_id: string | null;
  salt: Buffer;
  hash: Buffer;
  kdf: SecretKdf;
  created_at: number;
}

/** What an unknown name is checked against, so that it costs what a known one does. */
const NO_SALT = Buffer.alloc(SALT_BYTES);
const NO_HASH = Buffer.alloc(32);

function principalOf(row: CredentialRow): MqttCredentialInfo {
  return {
    name: row.name,
    role: row.role,
    ...(row.device_id !== null ? { deviceId: row.device_id } : {}),
    ...(row.person_id !== null ? { personId: row.person_id } : {}),
    createdAt: row.created_at,
  };
}

/**
 * Per-device and per-integration MQTT credentials, kept in the hub's database with only a salted
 * hash of each secret (secret-hash.ts says why HMAC-SHA-256 is enough for a 192-bit generated
 * secret). The secret is generated here and shown once, at creation. The CLI and the API use this
 * service; the broker asks it to verify each connect, against the database as it is then, so a
 * credential removed by the CLI (another process) is refused from the next connect on.
 */
export class MqttCredentials {
  private readonly scryptTurns = new ScryptTurns();
  /** Prepared once: the broker reads a row at every connect. */
  private readonly selectRow: Statement<[string], CredentialRow>;
  private readonly rewriteAsHmac: Statement<[Buffer, Buffer, string, Buffer]>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    migrate(db, 'mqtt', mqttMigrations);
    this.selectRow = db.prepare('SELECT * FROM mqtt_credential WHERE name = ?');
    this.rewriteAsHmac = db.prepare(`UPDATE mqtt_credential SET kdf = 'hmac-sha256', salt = ?, hash = ? WHERE name = ? AND kdf = 'scrypt' AND hash = ?`);
  }

  /** Creates the credential and returns its secret, which is not stored and cannot be shown again. */
  async add(request: NewMqttCredential): Promise<{ readonly credential: MqttCredentialInfo; readonly secret: string }> {
    const { name, role, deviceId, personId } = request;
    if (!NAME.test(name)) throw new MqttCredentialError(`name "${name}" must be 1–64 letters, digits, "_", ".", ":" or "-"`);
    if ((role === 'device' || role === 'gateway') && deviceId === undefined) throw new MqttCredentialError(`a ${role} credential needs --device <id>`);
    if (role === 'gateway' && !/^[A-Za-z0-9_-]{1,64}$/.test(deviceId ?? '')) throw new MqttCredentialError('a gateway name may hold only letters, digits, "_" and "-" (it is a topic level)');
    if (deviceId !== undefined && (/[+#/]/.test(deviceId) || deviceId.length > 128)) throw new MqttCredentialError(`device id "${deviceId}" cannot be an MQTT topic level`);
    if (role === 'member' && personId === undefined) throw new MqttCredentialError('a member credential needs --person <id>');
    if (role === 'member' && this.db.prepare('SELECT 1 FROM person WHERE id = ?').get(personId) === undefined) {
      throw new MqttCredentialError(`no person "${personId}" in the household`);
    }
    if (role !== 'device' && role !== 'gateway' && deviceId !== undefined) throw new MqttCredentialError(`--device applies to device and gateway credentials, not ${role}`);
    if (role !== 'member' && personId !== undefined) throw new MqttCredentialError(`--person applies to member credentials, not ${role}`);
    const secret = newSecret();
    const salt = newSalt();
    const hash = hmacHash(secret, salt);
    const createdAt = this.clock.now();
    const inserted = this.db
      .prepare(`INSERT INTO mqtt_credential (name, role, device_id, person_id, salt, hash, kdf, created_at) VALUES (?, ?, ?, ?, ?, ?, 'hmac-sha256', ?) ON CONFLICT (name) DO NOTHING`)
      .run(name, role, deviceId ?? null, personId ?? null, salt, hash, createdAt);
    if (inserted.changes === 0) throw new MqttCredentialError(`a credential named "${name}" already exists; remove it first to issue a new secret`);
    return { credential: principalOf({ name, role, device_id: deviceId ?? null, person_id: personId ?? null, salt, hash, kdf: 'hmac-sha256', created_at: createdAt }), secret };
  }

  list(): MqttCredentialInfo[] {
    return (this.db.prepare('SELECT * FROM mqtt_credential ORDER BY name').all() as CredentialRow[]).map(principalOf);
  }

  /**
   * True when it existed. Its client ids are free at once (a credential made later under the same
   * name starts without its sessions); connections still open with it are closed by the broker's sweep.
   */
  remove(name: string): boolean {
    return this.db.transaction(() => {
      forgetSessionsOf(this.db, name);
      return this.db.prepare('DELETE FROM mqtt_credential WHERE name = ?').run(name).changes > 0;
    })();
  }

  exists(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM mqtt_credential WHERE name = ?').get(name) !== undefined;
  }

  /**
   * The principal for a username and secret, or undefined; an unknown name costs what a known one
   * does. A credential still kept as scrypt waits for its turn (one scrypt at a time; a check whose
   * `signal` is aborted by then is dropped) and, when the secret is right, is rewritten as HMAC.
   */
  async verify(name: string, secret: string, signal?: AbortSignal): Promise<MqttPrincipal | undefined> {
    const row = this.row(name);
    if (row?.kdf === 'scrypt') {
      const hash = await this.scryptTurns.hash(secret, row.salt, signal);
      if (hash === undefined || !timingSafeEqual(hash, row.hash)) return undefined;
      this.rehash(row, secret);
      // Checked again as the row is now: it may have been removed, or rewritten by another connect.
      return this.checked(this.row(name), secret);
    }
    return this.checked(row, secret);
  }

  private row(name: string): CredentialRow | undefined {
    return this.selectRow.get(name);
  }

  private checked(row: CredentialRow | undefined, secret: string): MqttPrincipal | undefined {
    const known = row?.kdf === 'hmac-sha256' ? row : undefined;
    const matches = timingSafeEqual(hmacHash(secret, known?.salt ?? NO_SALT), known?.hash ?? NO_HASH);
    if (known === undefined || !matches) return undefined;
    const { createdAt: _createdAt, ...principal } = principalOf(known);
    return principal;
  }

  /** Keeps a proven scrypt secret as HMAC, unless the row changed since it was read. */
  private rehash(row: CredentialRow, secret: string): void {
    const salt = newSalt();
    this.rewriteAsHmac.run(salt, hmacHash(secret, salt), row.name, row.hash);
  }
}
