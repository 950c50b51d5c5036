/** The relay service's settings, from the environment (see README.md). */
export interface RelayServiceConfig {
  readonly host: string;
  readonly port: number;
  /** SQLite file, used unless `databaseUrl` is set. */
  readonly sqlitePath: string;
  /** postgres://… : PostgreSQL, shared by every relay instance. */
  readonly databaseUrl: string;
  /** TLS certificate and key (PEM files). Without them the relay refuses to listen beyond loopback. */
  readonly tlsCertFile: string;
  readonly tlsKeyFile: string;
  /** Tokens that let a new hub register. Empty: registration is closed. */
  readonly enrolmentTokens: readonly string[];
  /** Bearer tokens of researchers allowed to ask population questions. */
  readonly researchTokens: readonly string[];
  /** Smallest number of contributors a research cell needs to be shown. */
  readonly minContributors: number;
  /** Complete backups kept per hub. */
  readonly keepBackups: number;
  /** Unfinished uploads older than this are removed. */
  readonly incompleteBackupDays: number;
}

export const DEFAULT_RELAY_SERVICE_CONFIG: RelayServiceConfig = {
  host: '127.0.0.1',
  port: 8443,
  sqlitePath: './relay-data/relay.db',
  databaseUrl: '',
  tlsCertFile: '',
  tlsKeyFile: '',
  enrolmentTokens: [],
  researchTokens: [],
  minContributors: 11,
  keepBackups: 7,
  incompleteBackupDays: 14,
};

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function int(value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`expected an integer ≥ ${min}, got "${value}"`);
  return n;
}

export function relayConfigFromEnv(env: NodeJS.ProcessEnv): RelayServiceConfig {
  const d = DEFAULT_RELAY_SERVICE_CONFIG;
  const config: RelayServiceConfig = {
    host: env.RELAY_HOST ?? d.host,
    port: int(env.RELAY_PORT, d.port, 0),
    sqlitePath: env.RELAY_SQLITE_PATH ?? d.sqlitePath,
    databaseUrl: env.RELAY_DATABASE_URL ?? d.databaseUrl,
    tlsCertFile: env.RELAY_TLS_CERT ?? d.tlsCertFile,
    tlsKeyFile: env.RELAY_TLS_KEY ?? d.tlsKeyFile,
    enrolmentTokens: list(env.RELAY_ENROLMENT_TOKENS),
    researchTokens: list(env.RELAY_RESEARCH_TOKENS),
    // Fewer than 11 would undo the point of the threshold; the setting can only make it stricter.
    minContributors: int(env.RELAY_MIN_CONTRIBUTORS, d.minContributors, 11),
    keepBackups: int(env.RELAY_KEEP_BACKUPS, d.keepBackups, 1),
    incompleteBackupDays: int(env.RELAY_INCOMPLETE_BACKUP_DAYS, d.incompleteBackupDays, 1),
  };
  const loopback = ['127.0.0.1', '::1', 'localhost'].includes(config.host);
  if (!loopback && (config.tlsCertFile === '' || config.tlsKeyFile === '')) {
    throw new Error('RELAY_TLS_CERT and RELAY_TLS_KEY are required to listen beyond loopback (or put a TLS-terminating proxy in front and bind to 127.0.0.1)');
  }
  return config;
}
