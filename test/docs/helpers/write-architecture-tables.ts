import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-files.js';
import { GENERATED_TABLES, withTable } from './architecture-tables.js';

/**
 * Rewrites the generated tables of docs/architecture.md from the code, after a metric or a format
 * was added: `npx tsc -p . && node dist/test/docs/helpers/write-architecture-tables.js`.
 */
const page = join(repoRoot, 'docs', 'architecture.md');
let text = readFileSync(page, 'utf8');
for (const table of GENERATED_TABLES) text = withTable(text, table);
writeFileSync(page, text);
process.stdout.write(`${page}: ${GENERATED_TABLES.map((t) => t.heading.replace(/^#+\s*/, '')).join(', ')} written\n`);
