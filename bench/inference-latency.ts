/**
 * Per-window inference latency of every shipped model, and the CPU share of the hub's inference
 * with all models on for a household, estimated from the CPU time one hour of work takes.
 *
 *   node dist/bench/inference-latency.js [--data ../shared/data]
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAfdbWindows } from '../hub/inference/af-window-table.js';
import { AfScreening } from '../hub/inference/af-screening.js';
import { IllnessWarning } from '../hub/inference/illness-warning.js';
import { loadModels, releaseModels } from '../hub/inference/model-registry.js';
import { hourlyRestingHr } from '../hub/inference/resting-hr.js';
import { median, quantile } from '../hub/inference/stats.js';
import { listWearablePeople, readWearablePerson } from '../hub/inference/wearable-replay.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const at = process.argv.indexOf('--data');
const dataDir = at === -1 ? (process.env.HEARTH_SHARED_DATA ?? resolve(root, '../shared/data')) : (process.argv[at + 1] ?? '');
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const registry = await loadModels(join(root, 'models'), { info: () => undefined, warn: (m) => console.log(m) });
const af = await AfScreening.fromRegistry(registry);
const illness = IllnessWarning.fromRegistry(registry);
if (af === undefined || illness === undefined) throw new Error('a shipped model did not load');

const windows = (await readAfdbWindows(join(dataDir, 'afdb'))).filter((_, i) => i % 10 === 0);
const latencies: number[] = [];
for (const w of windows) {
  const start = process.hrtime.bigint();
  await af.scoreRrWindow(w.rrMs);
  latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
}
console.log(`af-rr: ${latencies.length} windows of ${af.windowBeats} beats, features + ONNX + explanation per window: ` +
  `median ${median(latencies).toFixed(3)} ms, p95 ${quantile(latencies, 0.95).toFixed(3)} ms`);

const personId = (await listWearablePeople(join(dataDir, 'wearable-replay')))[0] ?? '';
const person = await readWearablePerson(join(dataDir, 'wearable-replay'), personId);
const hours = hourlyRestingHr(person.hr, person.steps);
const lastDayStart = (hours[hours.length - 1]?.ts ?? 0) - 24 * 3_600_000;
const illnessStart = process.hrtime.bigint();
const scores = await illness.illnessScores(hours.filter((h) => h.ts >= lastDayStart - 30 * 24 * 3_600_000), lastDayStart);
const illnessMs = Number(process.hrtime.bigint() - illnessStart) / 1e6;
console.log(`illness-rhr: one day of hourly scores (${scores.length} windows, 30 days of baseline) in ${illnessMs.toFixed(1)} ms`);

// One hour of a four-person household: each wears an RR sensor (about 75 windows of 60 beats an
// hour at 75 bpm) and a watch (one hourly illness update, computed over the last 30 days).
const people = 4;
const before = cpuMs();
for (let p = 0; p < people; p++) {
  for (let k = 0; k < 75; k++) await af.scoreRrWindow((windows[(p * 75 + k) % windows.length] ?? windows[0])?.rrMs ?? []);
  await illness.illnessScores(hours.filter((h) => h.ts >= lastDayStart - 30 * 24 * 3_600_000), lastDayStart + 23 * 3_600_000);
}
const used = cpuMs() - before;
console.log(`household of ${people}, all models on: ${used.toFixed(0)} ms CPU per hour of data = ${((used / 3_600_000) * 100).toFixed(4)} % of one core`);
await releaseModels(registry);
