/** What a restore needs to know before it can decrypt: public, stored in clear beside the chunks. */
export interface BackupHeader {
  readonly format: 'hearth-backup';
  readonly v: 1;
  /** base64 salt of this backup's key. */
  readonly salt: string;
  readonly compression: 'gzip';
  readonly chunkBytes: number;
}

export function parseHeader(text: string): BackupHeader {
  const parsed = JSON.parse(text) as Partial<BackupHeader>;
  if (parsed.format !== 'hearth-backup' || parsed.v !== 1 || typeof parsed.salt !== 'string' || parsed.compression !== 'gzip') {
    throw new Error('this is not a Hearth backup this version can restore');
  }
  return parsed as BackupHeader;
}
