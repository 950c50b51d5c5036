import { apiPart } from '../../hub/api/api-part.js';
import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';
import type { HubConfig } from '../../hub/config/hub-config.js';
import { Hub } from '../../hub/daemon/hub.js';
import { HubLogging } from '../../hub/log/logger.js';

export interface BenchApi {
  readonly hub: Hub;
  readonly base: string;
  readonly cookie: string;
}

/** A hub with only the API part over `dataDir`, its owner onboarded over real HTTP. */
export async function startBenchApi(dataDir: string, people: HubConfig['household']['people'], devices: HubConfig['household']['devices']): Promise<BenchApi> {
  const config: HubConfig = { ...DEFAULT_CONFIG, dataDir, http: { host: '127.0.0.1', port: 0 }, api: { ...DEFAULT_CONFIG.api, uiDir: dataDir }, household: { people, devices } };
  const hub = new Hub({ config, logging: new HubLogging({ level: 'silent' }), parts: { consumers: [apiPart], sources: [] } });
  await hub.start();
  const base = (hub.listeningAddress ?? '').replace('0.0.0.0', '127.0.0.1');
  const response = await fetch(`${base}/api/v1/onboarding`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench password 123', displayName: 'Bench' }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('hearth_session='))?.split(';')[0];
  if (response.status !== 201 || cookie === undefined) throw new Error(`onboarding failed: ${response.status}`);
  return { hub, base, cookie };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
