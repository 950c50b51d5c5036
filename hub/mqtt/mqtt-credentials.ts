import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import { migrate, type MigrationStep } from '../store/index.js';
import { outboxMigration } from './home-assistant/bridge-outbox.js';
import type { MqttPrincipal, MqttRole } from './mqtt-principal.js';
import { forgetSessionsOf, sessionOwnerMigration } from './client-id-owners.js';

/** Cost of one password check (~16 MiB, tens of ms on a Pi): slow for a guesser, fine once per connect. */
const SCRYPT: ScryptOptions = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;
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
  created_at: number;
}

function scrypt(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(secret, salt, KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))));
}

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
 * scrypt hash of each secret. The secret is generated here and shown once, at creation. The CLI
 * and the API use this service; the broker asks it to verify each connect.
 */
export class MqttCredentials {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    migrate(db, 'mqtt', mqttMigrations);
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
    const secret = randomBytes(24).toString('base64url');
    const salt = randomBytes(16);
    const hash = await scrypt(secret, salt);
    const createdAt = this.clock.now();
    const inserted = this.db
      .prepare('INSERT INTO mqtt_credential (name, role, device_id, person_id, salt, hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING')
      .run(name, role, deviceId ?? null, personId ?? null, salt, hash, createdAt);
    if (inserted.changes === 0) throw new MqttCredentialError(`a credential named "${name}" already exists; remove it first to issue a new secret`);
    return { credential: principalOf({ name, role, device_id: deviceId ?? null, person_id: personId ?? null, salt, hash, created_at: createdAt }), secret };
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

  /** The principal for a username and secret, or undefined; the same work is done for unknown names. */
  async verify(name: string, secret: string): Promise<MqttPrincipal | undefined> {
    const row = this.db.prepare('SELECT * FROM mqtt_credential WHERE name = ?').get(name) as CredentialRow | undefined;
    const salt = row?.salt ?? Buffer.alloc(16);
    const hash = await scrypt(secret, salt);
    if (row === undefined || !timingSafeEqual(hash, row.hash)) return undefined;
    const { createdAt: _createdAt, ...principal } = principalOf(row);
    return principal;
  }
}
