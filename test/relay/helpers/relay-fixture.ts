import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildRelayApp } from '../../../cloud-relay/relay-app.js';
import { DEFAULT_RELAY_SERVICE_CONFIG, type RelayServiceConfig } from '../../../cloud-relay/relay-config.js';
import { SqliteRelayStorage } from '../../../cloud-relay/storage/sqlite-storage.js';
import { ManualClock } from '../../../core/clock.js';
import { HouseholdRegistry } from '../../../hub/household/household-registry.js';
import { householdMigrations } from '../../../hub/household/household-schema.js';
import { silentLogger } from '../../../hub/log/logger.js';
import { DEFAULT_RELAY_CONFIG, type RelayConfig } from '../../../hub/relay/relay-config.js';
import { RelayService } from '../../../hub/relay/relay-service.js';
import { RelayUnreachable, type RelayRequest, type RelayResponse, type RelayTransport } from '../../../hub/relay/relay-transport.js';
import { migrate, Store } from '../../../hub/store/index.js';

export const ENROLMENT = 'enrol-test-token';
export const RESEARCH_TOKEN = 'research-test-token';
/** Cheap scrypt for tests; the hub uses the full cost. */
export const TEST_KDF = { N: 2 ** 10, r: 8, p: 1 } as const;

/** A seeded generator, so noise in tests is reproducible (the hub uses the OS's randomness). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Forwards to the relay app in process and keeps every byte the hub sent; can play a relay that is away. */
export class CapturingTransport implements RelayTransport {
  readonly sent: RelayRequest[] = [];
  down = false;
  /** The relay handles the next n requests but their answers are lost on the way back. */
  loseAnswers = 0;

  constructor(private readonly app: FastifyInstance) {}

  async send(request: RelayRequest): Promise<RelayResponse> {
    this.sent.push(request);
    if (this.down) throw new RelayUnreachable('connection refused');
    const response = await this.app.inject({ method: request.method, url: request.path, headers: request.headers, payload: request.body });
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      throw new RelayUnreachable('connection reset');
    }
    return { status: response.statusCode, body: response.rawPayload };
  }

  /** Every byte that left, as text: request lines, headers and bodies. */
  allBytes(): string {
    return this.sent.map((r) => `${r.method} ${r.path}\n${Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${r.body.toString('latin1')}`).join('\n');
  }
}

export interface Fixture {
  readonly dir: string;
  readonly clock: ManualClock;
  readonly store: Store;
  readonly registry: HouseholdRegistry;
  readonly relayStorage: SqliteRelayStorage;
  readonly relayApp: FastifyInstance;
  readonly transport: CapturingTransport;
  readonly service: RelayService;
  close(): Promise<void>;
}

export const START = Date.UTC(2026, 0, 5, 0, 0, 0);

export async function makeFixture(options: { relay?: Partial<RelayConfig>; relayService?: Partial<RelayServiceConfig>; transport?: (app: FastifyInstance) => RelayTransport } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-relay-'));
  const clock = new ManualClock(START);
  const store = new Store({ path: join(dir, 'hub', 'hearth.db'), clock });
  await store.start();
  migrate(store.db, 'household', householdMigrations);
  const registry = new HouseholdRegistry(store.db, clock);
  const relayStorage = new SqliteRelayStorage(join(dir, 'relay', 'relay.db'));
  const relayApp = buildRelayApp({
    storage: relayStorage,
    config: { ...DEFAULT_RELAY_SERVICE_CONFIG, enrolmentTokens: [ENROLMENT], researchTokens: [RESEARCH_TOKEN], ...options.relayService },
    now: () => clock.now(),
  });
  await relayApp.ready();
  const transport = new CapturingTransport(relayApp);
  const service = new RelayService({
    db: store.db,
    storeQuery: store.query,
    clock,
    registry,
    config: { ...DEFAULT_RELAY_CONFIG, enabled: true, url: 'https://relay.invalid', enrolmentToken: ENROLMENT, ...options.relay },
    transport: options.transport?.(relayApp) ?? transport,
    random: seededRandom(7),
    workDir: join(dir, 'hub', 'relay'),
    logger: silentLogger(),
    kdfCost: TEST_KDF,
  });
  return {
    dir,
    clock,
    store,
    registry,
    relayStorage,
    relayApp,
    transport,
    service,
    close: async () => {
      await relayApp.close();
      await relayStorage.close();
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A household of two with identifying details, for tests that look for them in what leaves. */
export function seedHousehold(f: Fixture): void {
  f.registry.applyConfig(
    [
      { id: 'grandma-rose', name: 'Rosemary Whitfield', birthYear: 1931 },
      { id: 'tom', name: 'Thomas Whitfield', birthYear: 1984 },
    ],
    [
      { id: 'C4:7C:8D:6A:11:02', name: 'Rose kitchen strap', personId: 'grandma-rose' },
      { id: 'serial:SN-PO40-778812', name: 'Oximeter by the bed', personId: 'tom' },
    ],
  );
}

/** A day of readings for both: heart rate every 10 minutes and a few SpO2 spot checks. */
export function writeDay(f: Fixture, dayStart: number): void {
  for (let m = 0; m < 24 * 60; m += 10) {
    const ts = dayStart + m * 60_000 + 17_123;
    f.store.writer.write({ metric: 'heart_rate', value: 62 + (m % 30), unit: 'bpm', ts, deviceId: 'C4:7C:8D:6A:11:02', personId: 'grandma-rose', tsSource: 'device' });
    f.store.writer.write({ metric: 'heart_rate', value: 70 + (m % 20), unit: 'bpm', ts, deviceId: 'serial:SN-PO40-778812', personId: 'tom', tsSource: 'device' });
  }
  for (const h of [8, 13, 21]) {
    f.store.writer.write({ metric: 'spo2', value: 96, unit: '%', ts: dayStart + h * 3_600_000 + 1234, deviceId: 'serial:SN-PO40-778812', personId: 'tom', tsSource: 'device' });
  }
  if (!f.store.writer.flush()) throw new Error('seeding failed');
}

export const DAY_MS = 86_400_000;
