import { join } from 'node:path';
import { ESLint } from 'eslint';
import t from 'tap';

// Compiled to dist/test/architecture/; the repository root is three folders up.
const root = join(import.meta.dirname, '..', '..', '..');
const LAYER_RULES = new Set(['import-x/no-restricted-paths', '@typescript-eslint/no-restricted-imports', 'no-restricted-syntax']);

// The project's own lint configuration, limited to the layer rules. Typed linting knows only the
// project's files, so each case lends a real file's path to the text under test.
const eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId) });

async function layerProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  if (result === undefined) throw new Error(`nothing linted for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal === true);
  if (fatal.length > 0) throw new Error(`${file} could not be linted: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.map((m) => m.message);
}

t.test('a driver importing the hub bus fails the lint', async (t) => {
  const problems = await layerProblems('drivers/format.ts', "import { EventBus } from '../hub/bus/event-bus.js';\nexport const bus = new EventBus();\n");
  t.equal(problems.length, 1);
  t.match(problems[0], /"\.\.\/hub\/bus\/event-bus\.js".*drivers\/ may import only core\/, drivers\//);
});

t.test('a driver importing core, its own files, packages and Node is fine', async (t) => {
  const code = [
    "import { join } from 'node:path';",
    "import type { Logger } from 'pino';",
    "import { systemClock } from '../core/clock.js';",
    "import { BUILTIN_BLE_DRIVERS } from './ble/drivers/builtin-drivers.js';",
    'export const used: [typeof join, Logger | undefined, typeof systemClock, typeof BUILTIN_BLE_DRIVERS] = [join, undefined, systemClock, BUILTIN_BLE_DRIVERS];',
    '',
  ].join('\n');
  t.same(await layerProblems('drivers/format.ts', code), []);
});

t.test('core imports nothing of the project outside core', async (t) => {
  const problems = await layerProblems('core/clock.ts', "import { findFormat } from '../drivers/formats.js';\nexport const find = findFormat;\n");
  t.equal(problems.length, 1);
  t.match(problems[0], /core\/ may import only core\//);
  t.same(await layerProblems('core/clock.ts', "import { METRICS } from './metrics.js';\nexport const metrics = METRICS;\n"), []);
});

t.test('the bus imports none of the parts that use it', async (t) => {
  const problems = await layerProblems('hub/bus/event-bus.ts', "import type { InsightStore } from '../inference/insight-store.js';\nexport type Store = InsightStore;\n");
  t.equal(problems.length, 1, 'not even for a type');
  t.match(problems[0], /hub\/bus\/ may import only core\/, hub\/bus\//);
});

t.test('the dashboard may take the API contract\'s types, never the hub\'s code', async (t) => {
  const file = 'ui/src/format/metric-format.ts';
  t.same(await layerProblems(file, "import type { Alert } from '../../../hub/api/contract/alerts.js';\nexport type Shown = Alert;\n"), []);
  const value = await layerProblems(file, "import { Alert } from '../../../hub/api/contract/alerts.js';\nexport const schema = Alert;\n");
  t.equal(value.length, 1, 'a value import would put hub code in the bundle');
  t.match(value[0], /ui\/src\/ may import hub\/api\/contract\/ for its types only/);
  const elsewhere = await layerProblems(file, "import type { HubEvents } from '../../../hub/bus/hub-events.js';\nexport type Events = HubEvents;\n");
  t.equal(elsewhere.length, 1, 'not even the types of the rest of the hub');
  t.match(elsewhere[0], /ui\/src\/ may import from hub\/ only the types of hub\/api\/contract\//);
});

t.test('a type imported inline is refused in a layered folder, so it cannot slip past the rule', async (t) => {
  const problems = await layerProblems('drivers/format.ts', "export type Bus = import('../hub/bus/hub-events.js').HubBus;\n");
  t.equal(problems.length, 1);
  t.match(problems[0], /import type/);
});
