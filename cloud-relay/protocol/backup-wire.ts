/** What a hub tells the relay when it starts uploading a backup. The relay stores it as given. */
export interface BackupManifest {
  /** Derived from the household's recovery passphrase; a new box finds its backups by it. */
  readonly locator: string;
  /** SHA-256 (hex) of the read token derived from the passphrase; the token itself never leaves the hub. */
  readonly readTokenHash: string;
  readonly chunkCount: number;
  /** Public parameters the restore needs before it can derive the key (KDF, salts, chunk size). */
  readonly header: string;
}

export const HEADER_READ_TOKEN = 'x-hearth-read-token';

export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;

export const backupManifestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['locator', 'readTokenHash', 'chunkCount', 'header'],
  properties: {
    locator: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    readTokenHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    chunkCount: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    header: { type: 'string', maxLength: 4096 },
  },
} as const;

export interface BackupListing {
  readonly backupId: string;
  readonly chunkCount: number;
  readonly header: string;
  /** UTC day the upload completed. */
  readonly day: string;
}
