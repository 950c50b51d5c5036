import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const CHUNK_OVERHEAD = IV_BYTES + TAG_BYTES;

/**
 * Each chunk is sealed on its own (AES-256-GCM) so chunks upload and verify independently. The
 * additional data binds a chunk to its backup, its position and whether it is the last, so chunks
 * cannot be swapped, reordered, or a backup cut short without the restore noticing.
 */
function aad(backupId: string, index: number, last: boolean): Buffer {
  return Buffer.from(`hearth-backup/1|${backupId}|${index}|${last ? 'last' : 'more'}`);
}

export function sealChunk(key: Buffer, backupId: string, index: number, last: boolean, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(backupId, index, last));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export class BackupDecryptError extends Error {
  override name = 'BackupDecryptError';
}

export function openChunk(key: Buffer, backupId: string, index: number, last: boolean, sealed: Buffer): Buffer {
  if (sealed.length < CHUNK_OVERHEAD) throw new BackupDecryptError(`chunk ${index} is too short`);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aad(backupId, index, last));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BackupDecryptError('the backup does not decrypt with this passphrase (wrong passphrase, or the backup was damaged)');
  }
}
