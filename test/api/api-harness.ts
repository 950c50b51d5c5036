import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiPartFactory, type ApiPartOptions } from '../../hub/api/api-part.js';
import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';
import type { HubConfig } from '../../hub/config/hub-config.js';
import type { Clock } from '../../core/clock.js';
import { Hub } from '../../hub/daemon/hub.js';
import type { HubPartFactory } from '../../hub/daemon/hub-part.js';
import { HubLogging } from '../../hub/log/logger.js';

/** Cheap hashing for tests; the hub itself keeps the memory-hard default. */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 } as const;

export const PEOPLE = [
  { id: 'alex', name: 'Alex' },
  { id: 'sam', name: 'Sam' },
  { id: 'gran', name: 'Gran' },
];

export const DEVICES = [
  { id: 'strap-alex', personId: 'alex', name: 'Alex strap' },
  { id: 'strap-sam', personId: 'sam', name: 'Sam strap' },
  { id: 'oximeter-gran', personId: 'gran' },
  { id: 'loose-thermo' },
];

export interface ApiHub {
  readonly hub: Hub;
  readonly base: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** A real hub with only the API part, listening on a free port of 127.0.0.1, over a real SQLite file. */
export async function startApiHub(
  options: { dataDir?: string; clock?: Clock; api?: Partial<HubConfig['api']>; http?: Partial<HubConfig['http']>; store?: Partial<HubConfig['store']>; part?: ApiPartOptions; sources?: readonly HubPartFactory[]; consumers?: readonly HubPartFactory[]; config?: Partial<HubConfig> } = {},
): Promise<ApiHub> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hearth-api-'));
  const config: HubConfig = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { host: '127.0.0.1', port: 0, ...options.http },
    api: { ...DEFAULT_CONFIG.api, uiDir: join(dataDir, 'no-ui'), ...options.api },
    store: { ...DEFAULT_CONFIG.store, ...options.store },
    household: { people: PEOPLE, devices: DEVICES },
    ...options.config,
  };
  const hub = new Hub({
    config,
    logging: new HubLogging({ level: 'silent' }),
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    parts: { consumers: [apiPartFactory({ scryptCost: TEST_SCRYPT, ...options.part }), ...(options.consumers ?? [])], sources: [...(options.sources ?? [])] },
  });
  await hub.start();
  const address = hub.listeningAddress;
  if (address === undefined) throw new Error('the hub did not listen');
  return { hub, base: address.replace('0.0.0.0', '127.0.0.1'), dataDir, stop: () => hub.stop() };
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly headers: Headers;
}

/** A browser-like client: keeps the session cookie, sends the CSRF token when it has one. */
export class ApiClient {
  cookie: string | undefined;
  csrf: string | undefined;
  token: string | undefined;

  constructor(readonly base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const all: Record<string, string> = { ...headers };
    if (this.cookie !== undefined) all['cookie'] = this.cookie;
    if (this.csrf !== undefined && method !== 'GET') all['x-csrf-token'] = this.csrf;
    if (this.token !== undefined) all['authorization'] = `Bearer ${this.token}`;
    if (body !== undefined) all['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, { method, headers: all, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('hearth_session='));
    if (setCookie !== undefined) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const csrf = (parsed as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof csrf === 'string') this.csrf = csrf;
    return { status: response.status, body: parsed, text, headers: response.headers };
  }

  get(path: string): Promise<ApiResponse> {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown): Promise<ApiResponse> {
    return this.request('POST', path, body);
  }
}

export const OWNER = { username: 'owner', password: 'correct horse battery', displayName: 'Pat' };

/** Onboards the owner and returns their logged-in client. */
export async function onboardOwner(base: string): Promise<ApiClient> {
  const owner = new ApiClient(base);
  const response = await owner.post('/api/v1/onboarding', OWNER);
  if (response.status !== 201) throw new Error(`onboarding failed: ${response.status} ${response.text}`);
  return owner;
}

/** Creates a user as the owner and returns them logged in. */
export async function addUser(owner: ApiClient, user: { username: string; role: string; personId?: string; grants?: string[] }): Promise<ApiClient> {
  const password = `${user.username}-password-long`;
  const created = await owner.post('/api/v1/users', { ...user, password, displayName: user.username });
  if (created.status !== 201) throw new Error(`creating ${user.username} failed: ${created.status} ${created.text}`);
  const client = new ApiClient(owner.base);
  const login = await client.post('/api/v1/auth/login', { username: user.username, password });
  if (login.status !== 200) throw new Error(`login of ${user.username} failed: ${login.status} ${login.text}`);
  return client;
}

/** Readings for a person's device, through the real ingest gate, flushed to disk. */
export async function seedReadings(hub: Hub, deviceId: string, readings: { metric: 'heart_rate' | 'spo2' | 'bp_systolic' | 'bp_diastolic' | 'body_temperature'; value: number; ts: number }[]): Promise<void> {
  const outcome = hub.context.ingest.submit({ deviceId, readings });
  if (outcome.accepted !== readings.length) throw new Error(`only ${outcome.accepted} of ${readings.length} readings were accepted`);
  hub.store.writer.flush();
}
