import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { createGzip } from 'node:zlib';
import type { Db } from '../../store/index.js';
import { sealChunk } from './backup-cipher.js';
import type { BackupHeader } from './backup-header.js';
import { backupKey } from './backup-keys.js';

export interface SealedBackup {
  readonly backupId: string;
  readonly header: string;
  readonly chunkCount: number;
  /** The sealed chunks, back to back; chunk i starts at i · (chunkBytes + overhead). */
  readonly file: string;
}

/**
 * A consistent copy of the live database (SQLite's online backup: the hub keeps writing while it
 * runs), gzip-compressed and sealed chunk by chunk into `outFile`. Plain bytes exist only in
 * `workFile`, on the box, and are removed before this returns.
 */
export async function sealSnapshot(db: Db, master: Buffer, chunkBytes: number, workFile: string, outFile: string): Promise<SealedBackup> {
  const backupId = randomBytes(16).toString('hex');
  const salt = randomBytes(16);
  const key = backupKey(master, salt);
  const header: BackupHeader = { format: 'hearth-backup', v: 1, salt: salt.toString('base64'), compression: 'gzip', chunkBytes };
  await rm(workFile, { force: true });
  try {
    await db.backup(workFile);
    const out = await open(outFile, 'w');
    let index = 0;
    try {
      let pending = Buffer.alloc(0);
      // Holds back one full chunk, because only at the end is it known which chunk is the last.
      let held: Buffer | undefined;
      const emit = async (plain: Buffer, last: boolean) => {
        await out.write(sealChunk(key, backupId, index, last, plain));
        index++;
      };
      for await (const piece of createReadStream(workFile).pipe(createGzip({ level: 6 }))) {
        pending = Buffer.concat([pending, piece as Buffer]);
        while (pending.length >= chunkBytes) {
          if (held !== undefined) await emit(held, false);
          held = pending.subarray(0, chunkBytes);
          pending = pending.subarray(chunkBytes);
        }
      }
      if (pending.length === 0 && held !== undefined) await emit(held, true);
      else {
        if (held !== undefined) await emit(held, false);
        await emit(pending, true);
      }
      await out.sync();
    } finally {
      await out.close();
    }
    return { backupId, header: JSON.stringify(header), chunkCount: index, file: outFile };
  } finally {
    await rm(workFile, { force: true });
  }
}
