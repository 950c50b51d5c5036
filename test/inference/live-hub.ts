/** An in-process hub with only the inference part, on a hand-moved clock. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';
import type { HubConfig } from '../../hub/config/hub-config.js';
import { ManualClock } from '../../core/clock.js';
import type { Reading } from '../../core/reading.js';
import type { Insight } from '../../hub/bus/hub-events.js';
import { Hub } from '../../hub/daemon/hub.js';
import type { HubPartFactory } from '../../hub/daemon/hub-part.js';
import { InferencePart } from '../../hub/inference/inference-part.js';
import { HubLogging } from '../../hub/log/logger.js';
import { modelsDir } from './paths.js';

export interface LiveHub {
  readonly hub: Hub;
  readonly clock: ManualClock;
  readonly part: () => InferencePart;
  /** Every derived reading the inference part wrote, as the bus announced it. */
  readonly derived: Reading[];
  readonly insights: Insight[];
  readonly dataDir: string;
}

export async function startLiveHub(options: { dataDir?: string; startTs: number; config?: Partial<HubConfig>; extraParts?: readonly HubPartFactory[] }): Promise<LiveHub> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hearth-inference-'));
  const config: HubConfig = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { host: '127.0.0.1', port: 0 },
    household: {
      people: [
        { id: 'alex', name: 'Alex' },
        { id: 'sam', name: 'Sam' },
      ],
      devices: [
        { id: 'strap-alex', personId: 'alex' },
        { id: 'watch-sam', personId: 'sam' },
      ],
    },
    inference: { ...DEFAULT_CONFIG.inference, modelsDir },
    ...options.config,
  };
  const clock = new ManualClock(options.startTs);
  let part: InferencePart | undefined;
  const factory: HubPartFactory = (context) => (part = new InferencePart(context));
  const hub = new Hub({ config, logging: new HubLogging({ level: 'silent' }), clock, parts: { consumers: [factory, ...(options.extraParts ?? [])], sources: [] } });
  await hub.start();
  const derived: Reading[] = [];
  const insights: Insight[] = [];
  hub.bus.on('reading.accepted', 'test', (r) => {
    if (r.deviceId.startsWith('hub:inference:')) derived.push(r);
  });
  hub.bus.on('insight.raised', 'test', (i) => insights.push(i));
  return {
    hub,
    clock,
    dataDir,
    derived,
    insights,
    part: () => {
      if (part === undefined) throw new Error('the inference part did not start');
      return part;
    },
  };
}
