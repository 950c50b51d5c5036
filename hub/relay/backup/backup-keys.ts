import { createHash, hkdfSync, scrypt } from 'node:crypto';

/**
 * Keys from the household's recovery passphrase. One scrypt (memory-hard, so guessing costs a
 * real machine ~0.1 s and 64 MiB per try) gives a master secret; HKDF splits it into the backup
 * encryption key, the locator a new box finds its backups by, and the token that lets it read them.
 * The scrypt salt is fixed: a new box knows nothing but the passphrase. That is why passphrases
 * must be long (see MIN_PASSPHRASE_LENGTH): the relay holds what it needs to test guesses.
 */
export const KDF = { N: 2 ** 16, r: 8, p: 1 } as const;
const SALT = 'hearth-backup/v1';
export const MIN_PASSPHRASE_LENGTH = 12;

export interface BackupKeys {
  /** Never leaves the box that knows the passphrase. */
  readonly master: Buffer;
  readonly locator: string;
  readonly readToken: string;
}

export interface KdfCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export class WeakPassphrase extends Error {
  override name = 'WeakPassphrase';
}

export function deriveBackupKeys(passphrase: string, cost: KdfCost = KDF): Promise<BackupKeys> {
  if (passphrase.normalize('NFKC').length < MIN_PASSPHRASE_LENGTH) {
    return Promise.reject(new WeakPassphrase(`the recovery passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`));
  }
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFKC'), SALT, 32, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (error, master) => {
      if (error !== null) return reject(error);
      resolve(keysFromMaster(master));
    });
  });
}

export function keysFromMaster(master: Buffer): BackupKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, '', info, 32));
  return { master, locator: derive('hearth backup locator').toString('hex'), readToken: derive('hearth backup read').toString('hex') };
}

/** The key of one backup: its own random salt, so no two backups share a key. */
export function backupKey(master: Buffer, backupSalt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, backupSalt, 'hearth backup aes-256-gcm', 32));
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
