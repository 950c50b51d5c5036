import { open, rm } from 'node:fs/promises';
import type { BackupManifest } from '../../../cloud-relay/protocol/backup-wire.js';
import { errorText, RelayRefused, type RelayClient } from '../relay-client.js';
import { CHUNK_OVERHEAD } from './backup-cipher.js';
import type { SealedBackup } from './backup-snapshot.js';
import { parseHeader } from './backup-header.js';

export interface UploadProgress {
  readonly uploaded: number;
  readonly skipped: number;
}

/**
 * Uploads a sealed backup, resuming where an earlier attempt stopped: the relay says which chunks
 * it has, only the others are sent. The local file is removed once the relay confirms the backup.
 */
export async function uploadBackup(client: RelayClient, sealed: SealedBackup, keys: { locator: string; readTokenHash: string }): Promise<UploadProgress> {
  const base = `/v1/backups/${sealed.backupId}`;
  const manifest: BackupManifest = { locator: keys.locator, readTokenHash: keys.readTokenHash, chunkCount: sealed.chunkCount, header: sealed.header };
  const created = await client.call('PUT', base, Buffer.from(JSON.stringify(manifest)));
  if (created.status !== 200 && created.status !== 201) throw new RelayRefused(created.status, `backup refused: ${errorText(created)}`);
  const status = await client.call('GET', base);
  if (status.status !== 200) throw new RelayRefused(status.status, `backup status: ${errorText(status)}`);
  const have = new Set((JSON.parse(status.body.toString('utf8')) as { received: number[] }).received);
  const stride = parseHeader(sealed.header).chunkBytes + CHUNK_OVERHEAD;
  const file = await open(sealed.file, 'r');
  let uploaded = 0;
  try {
    const size = (await file.stat()).size;
    for (let index = 0; index < sealed.chunkCount; index++) {
      if (have.has(index)) continue;
      const start = index * stride;
      const length = Math.min(stride, size - start);
      const chunk = Buffer.alloc(length);
      await file.read(chunk, 0, length, start);
      const put = await client.call('PUT', `${base}/chunks/${index}`, chunk, 'application/octet-stream');
      if (put.status !== 204) throw new RelayRefused(put.status, `chunk ${index} refused: ${errorText(put)}`);
      uploaded++;
    }
  } finally {
    await file.close();
  }
  const done = await client.call('POST', `${base}/complete`);
  if (done.status !== 200) throw new RelayRefused(done.status, `backup not completed: ${errorText(done)}`);
  await rm(sealed.file, { force: true });
  return { uploaded, skipped: have.size };
}
