import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { HEADER_READ_TOKEN, type BackupListing } from '../../../cloud-relay/protocol/backup-wire.js';
import type { RelayTransport } from '../relay-transport.js';
import { openChunk } from './backup-cipher.js';
import { parseHeader } from './backup-header.js';
import { backupKey, type BackupKeys } from './backup-keys.js';

export class RestoreError extends Error {
  override name = 'RestoreError';
}

export interface RestoreOutcome {
  readonly backupId: string;
  readonly day: string;
  readonly bytes: number;
  readonly file: string;
}

/**
 * Fetches the newest backup under the passphrase's locator, decrypts and checks every chunk,
 * decompresses, checks the database's integrity, and only then moves it into place. An existing
 * database is never overwritten.
 */
export async function restoreBackup(transport: RelayTransport, keys: BackupKeys, dataDir: string, databaseFile: string): Promise<RestoreOutcome> {
  const target = join(dataDir, databaseFile);
  if (existsSync(target)) throw new RestoreError(`${target} already exists: restore onto an empty data directory`);
  const headers = { [HEADER_READ_TOKEN]: keys.readToken };
  const listing = await transport.send({ method: 'GET', path: `/v1/restore/${keys.locator}`, headers, body: Buffer.alloc(0) });
  if (listing.status === 404) throw new RestoreError('the relay holds no backup for this passphrase (is the passphrase right?)');
  if (listing.status !== 200) throw new RestoreError(`the relay answered ${listing.status} when asked for backups`);
  const newest = (JSON.parse(listing.body.toString('utf8')) as { backups: BackupListing[] }).backups[0];
  if (newest === undefined) throw new RestoreError('the relay holds no backup for this passphrase');
  const header = parseHeader(newest.header);
  const key = backupKey(keys.master, Buffer.from(header.salt, 'base64'));
  const compressed: Buffer[] = [];
  for (let index = 0; index < newest.chunkCount; index++) {
    const chunk = await transport.send({ method: 'GET', path: `/v1/restore/${keys.locator}/${newest.backupId}/chunks/${index}`, headers, body: Buffer.alloc(0) });
    if (chunk.status !== 200) throw new RestoreError(`chunk ${index} of ${newest.chunkCount} could not be fetched (status ${chunk.status})`);
    compressed.push(openChunk(key, newest.backupId, index, index === newest.chunkCount - 1, chunk.body));
  }
  let plain: Buffer;
  try {
    plain = gunzipSync(Buffer.concat(compressed));
  } catch {
    throw new RestoreError('the backup decrypted but does not decompress: it is damaged');
  }
  await mkdir(dataDir, { recursive: true });
  const staging = `${target}.restoring`;
  const handle = await open(staging, 'w');
  try {
    await handle.write(plain);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    const db = new Database(staging, { readonly: true, fileMustExist: true });
    try {
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new RestoreError(`the restored database fails its integrity check: ${String(check)}`);
    } finally {
      db.close();
    }
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { force: true });
    throw error;
  }
  return { backupId: newest.backupId, day: newest.day, bytes: plain.length, file: target };
}
