import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { systemClock } from '../../../core/clock.js';
import { ConsentLog } from '../../relay/consent-log.js';
import { parseArgs, stringOption } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { locateDatabase } from '../database-location.js';

/**
 * `relay verify-consent [--data-dir <dir>]`: checks the consent log's hash chain and prints it as
 * JSON; exit status 1 when an entry was changed. `relay sent [--limit n]`: the payloads that left.
 */
export const relayCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['config', 'data-dir', 'limit']);
  const [sub] = parsed.positional;
  if (sub !== 'verify-consent' && sub !== 'sent') throw new UsageError('relay verify-consent | relay sent [--limit <n>]');
  const { file } = locateDatabase(parsed);
  if (!existsSync(file)) {
    io.stderr(`hearth relay: no database at ${file}`);
    return 1;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasTables = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'relay_consent_log'").get() !== undefined;
    if (!hasTables) {
      io.stdout(JSON.stringify(sub === 'sent' ? { sent: [] } : { ok: true, entries: 0, log: [] }));
      return 0;
    }
    if (sub === 'sent') {
      const limit = Number(stringOption(parsed, 'limit') ?? '20');
      const rows = db.prepare('SELECT batch_id AS batchId, first_sent_at AS firstSentAt, acknowledged_at AS acknowledgedAt, body FROM relay_sent ORDER BY first_sent_at DESC LIMIT ?').all(limit) as { body: Buffer }[];
      io.stdout(JSON.stringify({ sent: rows.map((r) => ({ ...r, body: JSON.parse(r.body.toString('utf8')) as unknown })) }, null, 2));
      return 0;
    }
    const log = new ConsentLog(db, systemClock);
    const verdict = log.verify();
    io.stdout(JSON.stringify({ ...verdict, log: log.entries() }, null, 2));
    return verdict.ok ? 0 : 1;
  } finally {
    db.close();
  }
};
