/**
 * A real hub process under heavy ingest, for the SIGKILL test: started with the data directory as
 * its argument, it submits 1000 readings every 20 ms through the ingest gate and prints
 * `committed <n>` whenever the writer's committed count grows. Whatever it printed was on disk.
 */
import { applianceHub } from './appliance-hub.js';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: heavy-ingest-hub <data dir>');
const hub = applianceHub(dataDir, { config: { store: { flushIntervalMs: 200, maxBatch: 5000, maxQueued: 200_000, onCorrupt: 'fail', retention: { rawDays: 3650, perMetric: {} } } } });
await hub.start();
let next = Date.now() - 86_400_000 + Math.floor(Math.random() * 1000) * 1000;
let reported = 0;
setInterval(() => {
  const readings = Array.from({ length: 1000 }, (_, i) => ({ metric: 'heart_rate' as const, value: 50 + (i % 40), ts: next + i }));
  next += 1000;
  hub.context.ingest.submit({ deviceId: 'kit', readings });
}, 20);
setInterval(() => {
  const written = hub.store.writer.stats().written;
  if (written > reported) {
    reported = written;
    process.stdout.write(`committed ${written}\n`);
  }
}, 5);
