import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';
import type { HubConfig } from '../../hub/config/hub-config.js';
import type { Clock } from '../../core/clock.js';
import type { HubPartFactory } from '../../hub/daemon/hub-part.js';
import { Hub } from '../../hub/daemon/hub.js';
import { HubLogging } from '../../hub/log/logger.js';

/** A hub on loopback with one person wearing one device `kit`, and only the parts a test names. */
export function applianceHub(
  dataDir: string,
  options: { consumers?: readonly HubPartFactory[]; clock?: Clock; logging?: HubLogging; config?: Partial<HubConfig> } = {},
): Hub {
  const config: HubConfig = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { host: '127.0.0.1', port: 0 },
    household: { people: [{ id: 'alex', name: 'Alex' }], devices: [{ id: 'kit', personId: 'alex' }] },
    ...options.config,
  };
  return new Hub({
    config,
    logging: options.logging ?? new HubLogging({ level: 'silent' }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    parts: { consumers: options.consumers ?? [], sources: [] },
  });
}

/** The value of one sample line of a Prometheus text body, e.g. `hearth_devices{state="available"}`. */
export function sample(text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}
