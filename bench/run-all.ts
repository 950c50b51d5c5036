/**
 * Runs every benchmark in this folder (each file exports `run()`), one after another, so that their
 * figures are printed together: `npm run bench`. Name benchmarks as arguments to run only those.
 */
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const wanted = new Set(process.argv.slice(2));
const files = readdirSync(here)
  .filter((name) => name.endsWith('.js') && name !== 'run-all.js')
  .filter((name) => wanted.size === 0 || wanted.has(basename(name, '.js')))
  .sort();

let failures = 0;
for (const file of files) {
  const module = (await import(new URL(file, import.meta.url).href)) as { run?: () => Promise<unknown> };
  if (typeof module.run !== 'function') continue;
  console.log(`\n=== ${basename(file, '.js')} ===`);
  try {
    await module.run();
  } catch (error) {
    failures++;
    console.error(`${file} failed: ${(error as Error).stack ?? String(error)}`);
  }
}
process.exitCode = failures > 0 ? 1 : 0;
