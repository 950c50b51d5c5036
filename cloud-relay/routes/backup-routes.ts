import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { backupManifestSchema, HEADER_READ_TOKEN, MAX_CHUNK_BYTES, type BackupManifest } from '../protocol/backup-wire.js';
import { utcDay } from '../protocol/signing.js';
import { signedBy } from '../request-signature.js';
import type { RelayRouteDeps } from './route-deps.js';

const idParams = {
  type: 'object',
  required: ['backupId'],
  properties: { backupId: { type: 'string', pattern: '^[0-9a-f]{32}$' }, index: { type: 'integer', minimum: 0, maximum: 999_999 } },
} as const;

/**
 * Encrypted backups. A hub uploads chunks of ciphertext under its own key (resumable: it asks
 * which chunks arrived); a new box, which has no hub key yet, reads them back with the locator and
 * read token that only the household's passphrase yields. The relay never holds a key.
 */
export function registerBackupRoutes(app: FastifyInstance, deps: RelayRouteDeps): void {
  const signed = signedBy(deps);

  app.put<{ Params: { backupId: string }; Body: BackupManifest }>(
    '/v1/backups/:backupId',
    { schema: { params: idParams, body: backupManifestSchema }, preHandler: signed },
    async (request, reply) => {
      const keyId = request.hub?.keyId ?? '';
      const outcome = await deps.storage.createBackup(keyId, request.params.backupId, request.body, utcDay(deps.now()));
      if (outcome === 'conflict') return reply.code(409).send({ error: 'conflict', message: 'another backup has this id' });
      return reply.code(outcome === 'created' ? 201 : 200).send({ backupId: request.params.backupId });
    },
  );

  app.get<{ Params: { backupId: string } }>('/v1/backups/:backupId', { schema: { params: idParams }, preHandler: signed }, async (request, reply) => {
    const backup = await deps.storage.backup(request.params.backupId);
    if (backup === undefined || backup.keyId !== request.hub?.keyId) return reply.code(404).send({ error: 'not_found', message: 'no such backup' });
    return reply.send({ received: backup.received, complete: backup.complete, chunkCount: backup.manifest.chunkCount });
  });

  app.put<{ Params: { backupId: string; index: number } }>(
    '/v1/backups/:backupId/chunks/:index',
    { schema: { params: idParams }, bodyLimit: MAX_CHUNK_BYTES + 1024, preHandler: signed },
    async (request, reply) => {
      const backup = await deps.storage.backup(request.params.backupId);
      if (backup === undefined || backup.keyId !== request.hub?.keyId) return reply.code(404).send({ error: 'not_found', message: 'no such backup' });
      if (backup.complete) return reply.code(409).send({ error: 'complete', message: 'this backup is complete' });
      if (request.params.index >= backup.manifest.chunkCount) return reply.code(400).send({ error: 'bad_index', message: 'chunk index beyond the manifest' });
      await deps.storage.putChunk(request.params.backupId, request.params.index, request.rawBody ?? Buffer.alloc(0));
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { backupId: string } }>('/v1/backups/:backupId/complete', { schema: { params: idParams }, preHandler: signed }, async (request, reply) => {
    const backup = await deps.storage.backup(request.params.backupId);
    if (backup === undefined || backup.keyId !== request.hub?.keyId) return reply.code(404).send({ error: 'not_found', message: 'no such backup' });
    const outcome = await deps.storage.completeBackup(request.params.backupId, utcDay(deps.now()), deps.config.keepBackups);
    if (outcome === 'missing-chunks') return reply.code(409).send({ error: 'missing_chunks', message: 'some chunks have not arrived' });
    return reply.send({ backupId: request.params.backupId, complete: true });
  });

  const readTokenHash = (value: unknown): string => createHash('sha256').update(typeof value === 'string' ? value : '').digest('hex');

  app.get<{ Params: { locator: string } }>(
    '/v1/restore/:locator',
    { schema: { params: { type: 'object', properties: { locator: { type: 'string', pattern: '^[0-9a-f]{64}$' } } } } },
    async (request, reply) => {
      const backups = await deps.storage.listBackups(request.params.locator, readTokenHash(request.headers[HEADER_READ_TOKEN]));
      // The same answer for "no such locator" and "wrong token": nothing to learn by probing.
      if (backups.length === 0) return reply.code(404).send({ error: 'not_found', message: 'no backup for this passphrase' });
      return reply.send({ backups });
    },
  );

  app.get<{ Params: { locator: string; backupId: string; index: number } }>(
    '/v1/restore/:locator/:backupId/chunks/:index',
    {
      schema: {
        params: {
          type: 'object',
          properties: { locator: { type: 'string', pattern: '^[0-9a-f]{64}$' }, backupId: { type: 'string', pattern: '^[0-9a-f]{32}$' }, index: { type: 'integer', minimum: 0 } },
        },
      },
    },
    async (request, reply) => {
      const backups = await deps.storage.listBackups(request.params.locator, readTokenHash(request.headers[HEADER_READ_TOKEN]));
      if (!backups.some((b) => b.backupId === request.params.backupId)) return reply.code(404).send({ error: 'not_found', message: 'no backup for this passphrase' });
      const data = await deps.storage.chunk(request.params.backupId, request.params.index);
      if (data === undefined) return reply.code(404).send({ error: 'not_found', message: 'no such chunk' });
      return reply.type('application/octet-stream').send(data);
    },
  );
}
