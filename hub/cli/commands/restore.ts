import { readFileSync } from 'node:fs';
import { refuseBesideHub } from '../../backup/restore-command.js';
import { DataDirectoryInUseError, holdingDataDirectory } from '../../daemon/data-dir-lock.js';
import { DATABASE_FILE } from '../../store/database-file.js';
import { BackupDecryptError } from '../../relay/backup/backup-cipher.js';
import { deriveBackupKeys, WeakPassphrase } from '../../relay/backup/backup-keys.js';
import { restoreBackup, RestoreError } from '../../relay/backup/restore.js';
import { HttpsTransport } from '../../relay/https-transport.js';
import { RelayUnreachable } from '../../relay/relay-transport.js';
import { parseArgs, stringOption } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { commandConfig, locateDatabase } from '../database-location.js';

/**
 * `restore [--relay <url>] [--ca <pem>] [--data-dir <dir>] [--passphrase-file <file>]`: fetches the
 * newest backup sealed with the household's recovery passphrase, decrypts and checks it, and puts
 * it in place on an empty data directory, holding it so that no hub starts there meanwhile. The
 * passphrase comes from the file, else from HEARTH_RECOVERY_PASSPHRASE, never from the command line
 * (it would show in `ps`).
 */
export const restoreCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['config', 'relay', 'ca', 'data-dir', 'passphrase-file']);
  const config = commandConfig(parsed);
  const url = stringOption(parsed, 'relay') ?? config.relay.url;
  if (url === '') throw new UsageError('--relay <url> is required (or relay.url in the config)');
  const { dataDir } = locateDatabase(parsed, config);
  const passphraseFile = stringOption(parsed, 'passphrase-file');
  const passphrase = passphraseFile !== undefined ? readFileSync(passphraseFile, 'utf8').replace(/\r?\n$/, '') : process.env.HEARTH_RECOVERY_PASSPHRASE;
  if (passphrase === undefined || passphrase === '') throw new UsageError('give the recovery passphrase with --passphrase-file <file> or HEARTH_RECOVERY_PASSPHRASE');
  const ca = stringOption(parsed, 'ca') ?? (config.relay.caFile !== '' ? config.relay.caFile : undefined);
  try {
    // Held from before the first request: a hub started meanwhile would open a database of its own.
    const outcome = await holdingDataDirectory(dataDir, async () => {
      const keys = await deriveBackupKeys(passphrase);
      const transport = new HttpsTransport({ url, ...(ca !== undefined ? { ca: readFileSync(ca) } : {}) });
      return restoreBackup(transport, keys, dataDir, DATABASE_FILE);
    });
    io.stdout(JSON.stringify({ restored: outcome.file, backupId: outcome.backupId, backupDay: outcome.day, bytes: outcome.bytes }));
    return 0;
  } catch (error) {
    if (error instanceof DataDirectoryInUseError) return refuseBesideHub(error, io);
    if (error instanceof RestoreError || error instanceof BackupDecryptError || error instanceof WeakPassphrase || error instanceof RelayUnreachable) {
      io.stderr(`hearth restore: ${error.message}`);
      return 1;
    }
    throw error;
  }
};
