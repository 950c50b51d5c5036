import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { currentTable, GENERATED_TABLES } from './helpers/architecture-tables.js';
import { repoRoot } from './helpers/repo-files.js';

/**
 * The metric catalogue and the format ids on docs/architecture.md are the code's own: a metric or
 * a format added without regenerating the page fails here, with the table the page should hold.
 */
const page = readFileSync(join(repoRoot, 'docs', 'architecture.md'), 'utf8');

for (const table of GENERATED_TABLES) {
  t.test(`docs/architecture.md "${table.heading.replace(/^#+\s*/, '')}" matches the code`, async (t) => {
    const onPage = currentTable(page, table);
    t.not(onPage, undefined, `a table follows the heading "${table.heading}"`);
    t.equal(onPage, table.render(), 'regenerate it: npx tsc -p . && node dist/test/docs/helpers/write-architecture-tables.js');
  });
}
