import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import type { HouseholdRegistry } from '../household/household-registry.js';
import { migrate, type Db, type StoreQuery } from '../store/index.js';
import { sealSnapshot, type SealedBackup } from './backup/backup-snapshot.js';
import { deriveBackupKeys, keysFromMaster, sha256Hex, type KdfCost } from './backup/backup-keys.js';
import { uploadBackup } from './backup/backup-uploader.js';
import { ConsentLog } from './consent-log.js';
import { HubIdentity } from './hub-identity.js';
import type { Random } from './laplace.js';
import { Outbox, type DeliveryResult, type OutboxItem } from './outbox.js';
import { RelayClient, RelayRefused, errorText } from './relay-client.js';
import type { RelayConfig } from './relay-config.js';
import { RELAY_MIGRATIONS, RELAY_PART } from './relay-schema.js';
import { RelaySecrets } from './relay-secrets.js';
import type { RelayTransport } from './relay-transport.js';
import { ResearchJob } from './research-job.js';

const HOUSEHOLD_KEY = 'household-pseudonym-key';
const BACKUP_MASTER = 'backup-master';
const BACKUP_PENDING = 'backup-pending';
const BACKUP_LAST = 'backup-last';

export interface RelayServiceDeps {
  readonly db: Db;
  /** The readings the research batches summarise. */
  readonly storeQuery: StoreQuery;
  readonly clock: Clock;
  readonly registry: HouseholdRegistry;
  readonly config: RelayConfig;
  readonly transport: RelayTransport;
  readonly random: Random;
  /** Where sealed backups wait for upload (under the data directory). */
  readonly workDir: string;
  readonly logger: Logger;
  readonly kdfCost?: KdfCost;
}

export type BackupRun =
  | { readonly state: 'uploaded'; readonly backupId: string; readonly chunks: number; readonly resumed: number }
  | { readonly state: 'skipped'; readonly reason: string };

/** The hub side of the relay, composed: consent, research batches, the outbox, backups. */
export class RelayService {
  readonly consent: ConsentLog;
  readonly outbox: Outbox;
  readonly client: RelayClient;
  private readonly secrets: RelaySecrets;
  private readonly research: ResearchJob;

  constructor(private readonly deps: RelayServiceDeps) {
    migrate(deps.db, RELAY_PART, RELAY_MIGRATIONS);
    this.secrets = new RelaySecrets(deps.db);
    this.consent = new ConsentLog(deps.db, deps.clock);
    this.outbox = new Outbox(deps.db, deps.clock, deps.config.outbox, deps.random);
    this.client = new RelayClient(deps.transport, new HubIdentity(this.secrets, deps.clock), deps.config.enrolmentToken);
    this.research = new ResearchJob({
      db: deps.db,
      storeQuery: deps.storeQuery,
      clock: deps.clock,
      registry: deps.registry,
      consent: this.consent,
      outbox: this.outbox,
      householdKey: this.secrets.getOrCreate(HOUSEHOLD_KEY, () => randomBytes(32)),
      random: deps.random,
      settings: deps.config.research,
    });
  }

  /** Daily: summarise finished days into the outbox, then try to send. */
  async runResearch(): Promise<void> {
    const made = this.research.run();
    if (made.batches > 0) this.deps.logger.info({ batches: made.batches, cells: made.cells }, 'research batches queued');
    await this.drain();
  }

  async drain(): Promise<number> {
    return this.outbox.drain(
      (item) => this.deliver(item),
      (item, error) => this.deps.logger.warn({ batchId: item.batchId, attempts: item.attempts + 1, err: error instanceof Error ? error.message : String(error) }, 'relay unreachable; will retry'),
    );
  }

  async setPassphrase(passphrase: string): Promise<void> {
    const keys = await deriveBackupKeys(passphrase, this.deps.kdfCost);
    this.secrets.set(BACKUP_MASTER, keys.master);
  }

  get passphraseSet(): boolean {
    return this.secrets.get(BACKUP_MASTER) !== undefined;
  }

  /** Who has not agreed to backups: the snapshot holds everyone's readings, so it needs everyone. */
  backupConsentMissing(): string[] {
    return this.deps.registry.listPeople().filter((p) => !this.consent.granted(p.id, 'backup')).map((p) => p.id);
  }

  /** Seals a new snapshot (or resumes the one not yet uploaded) and uploads it. */
  async runBackup(): Promise<BackupRun> {
    const master = this.secrets.get(BACKUP_MASTER);
    if (master === undefined) return { state: 'skipped', reason: 'no recovery passphrase is set' };
    if (this.deps.registry.listPeople().length === 0) return { state: 'skipped', reason: 'the household has no people yet' };
    const missing = this.backupConsentMissing();
    if (missing.length > 0) return { state: 'skipped', reason: `${missing.length} people have not agreed to backups` };
    let sealed = this.pendingBackup();
    if (sealed === undefined) {
      mkdirSync(this.deps.workDir, { recursive: true });
      sealed = await sealSnapshot(this.deps.db, master, this.deps.config.backup.chunkBytes, join(this.deps.workDir, 'snapshot.db'), join(this.deps.workDir, 'backup.sealed'));
      this.secrets.set(BACKUP_PENDING, Buffer.from(JSON.stringify(sealed)));
    }
    const keys = keysFromMaster(master);
    const progress = await uploadBackup(this.client, sealed, { locator: keys.locator, readTokenHash: sha256Hex(keys.readToken) });
    this.deps.db.prepare('DELETE FROM relay_secret WHERE name = ?').run(BACKUP_PENDING);
    this.secrets.set(BACKUP_LAST, Buffer.from(JSON.stringify({ backupId: sealed.backupId, at: this.deps.clock.now(), chunks: sealed.chunkCount })));
    this.deps.logger.info({ chunks: sealed.chunkCount, resumed: progress.skipped }, 'backup uploaded');
    return { state: 'uploaded', backupId: sealed.backupId, chunks: sealed.chunkCount, resumed: progress.skipped };
  }

  status(): Record<string, unknown> {
    const last = this.secrets.get(BACKUP_LAST);
    return {
      keyId: this.client.keyId,
      outbox: this.outbox.status(),
      consentLog: this.consent.verify(),
      backup: {
        passphraseSet: this.passphraseSet,
        pending: this.pendingBackup() !== undefined,
        last: last === undefined ? null : (JSON.parse(last.toString('utf8')) as unknown),
        consentMissing: this.backupConsentMissing().length,
      },
    };
  }

  private pendingBackup(): SealedBackup | undefined {
    const raw = this.secrets.get(BACKUP_PENDING);
    return raw === undefined ? undefined : (JSON.parse(raw.toString('utf8')) as SealedBackup);
  }

  private async deliver(item: OutboxItem): Promise<DeliveryResult> {
    let response;
    try {
      response = await this.client.call('POST', '/v1/batches', item.body);
    } catch (error) {
      if (error instanceof RelayRefused) {
        this.deps.logger.error({ status: error.status, err: error.message }, 'the relay refused this hub');
        return 'retry';
      }
      throw error;
    }
    if (response.status === 200) return 'delivered';
    if (response.status === 400 || response.status === 413) {
      this.deps.logger.error({ batchId: item.batchId, status: response.status, err: errorText(response) }, 'the relay refused a batch; it is dropped');
      return 'refused';
    }
    throw new Error(`relay answered ${response.status}: ${errorText(response)}`);
  }
}
