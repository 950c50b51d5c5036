/**
 * Writes the hourly resting-HR windows that models/train/train_illness.py learns from, computed by
 * the hub's own code (resting-hr.ts, rhr-baseline.ts, illness-windows.ts).
 *
 *   node dist/models/train/export-illness-features.js --data ../shared/data/wearable-replay --out <dir>
 *
 * Writes <dir>/illness-windows.csv: person, hour, resting bpm, then the window's z values.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { illnessWindows } from '../../hub/inference/illness-windows.js';
import { hourlyRestingHr } from '../../hub/inference/resting-hr.js';
import { baselineHours } from '../../hub/inference/rhr-baseline.js';
import { listWearablePeople, readWearablePerson } from '../../hub/inference/wearable-replay.js';

function option(name: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? undefined : process.argv[at + 1];
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const dataDir = option('data');
  const outDir = option('out');
  await mkdir(outDir, { recursive: true });
  const rows = ['person,hour,resting_bpm,z0,z1,z2,z3,z4,z5,z6,z7'];
  const people = await listWearablePeople(dataDir);
  for (const id of people) {
    const person = await readWearablePerson(dataDir, id);
    const windows = illnessWindows(baselineHours(hourlyRestingHr(person.hr, person.steps)));
    for (const w of windows) {
      rows.push([id, new Date(w.end.ts).toISOString(), w.end.bpm.toFixed(2), ...w.hours.map((h) => h.z.toFixed(5))].join(','));
    }
  }
  await writeFile(join(outDir, 'illness-windows.csv'), `${rows.join('\n')}\n`);
  console.log(`exported ${rows.length - 1} hourly windows of ${people.length} people to ${outDir}`);
}

await main();
