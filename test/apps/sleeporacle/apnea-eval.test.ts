import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { evalCommand } from '../../../hub/cli/commands/eval.js';
import { modelsDir, sharedDataDir } from '../../inference/paths.js';

interface Figures {
  readonly records: readonly string[];
  readonly minutes: Readonly<Record<string, number>>;
  readonly nights: Readonly<Record<string, number>>;
  readonly [figure: string]: unknown;
}

const apneaEcg = join(sharedDataDir, 'apnea-ecg');

async function runEval(dataDir: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await evalCommand(['apnea', '--data', dataDir, '--models', modelsDir], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { status, stdout, stderr };
}

t.test('hearth eval apnea on a few records prints the figures the manifest recorded for them', async (t) => {
  const manifest = JSON.parse(readFileSync(join(modelsDir, 'apnea-rr', 'model.json'), 'utf8')) as { evaluation: { subset: Figures } };
  const recorded = manifest.evaluation.subset;
  const folder = mkdtempSync(join(tmpdir(), 'hearth-apnea-eval-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  symlinkSync(join(apneaEcg, 'records.csv'), join(folder, 'records.csv'));
  for (const record of recorded.records) {
    for (const file of [`${record}_rr.csv.gz`, `${record}_apnea.csv`]) symlinkSync(join(apneaEcg, file), join(folder, file));
  }
  const { status, stdout, stderr } = await runEval(folder);
  t.equal(status, 0, stderr);
  const figures = JSON.parse(stdout) as Figures;
  for (const key of ['accuracy', 'sensitivity', 'specificity', 'auc', 'tp', 'fp', 'tn', 'fn', 'scored', 'unscored']) t.type(figures.minutes[key], 'number', `minutes.${key}`);
  for (const key of ['screeningAccuracy', 'categoryAccuracy', 'nights', 'tp', 'fp', 'tn', 'fn']) t.type(figures.nights[key], 'number', `nights.${key}`);
  t.equal(figures.nights.nights, recorded.records.length);
  const { dataDir: _ran, ...measured } = figures;
  const { dataDir: _recorded, ...expected } = recorded;
  t.same(measured, expected);
});

t.test('a folder not in the Apnea-ECG format is refused with what is missing', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'hearth-apnea-eval-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(join(folder, 'qrs04015.txt'), '1 0.8 200\n');
  const none = await runEval(folder);
  t.equal(none.status, 1);
  t.equal(none.stdout, '');
  t.match(none.stderr, /^hearth eval apnea: .* is not a folder in the Apnea-ECG format .*: no records\.csv$/);

  writeFileSync(join(folder, 'records.csv'), 'record,AHI\na01,69.6\n');
  const noFiles = await runEval(folder);
  t.equal(noFiles.status, 1);
  t.match(noFiles.stderr, /no record listed in records\.csv has both of its files/);

  writeFileSync(join(folder, 'records.csv'), 'name,ahi\na01,69.6\n');
  const badHeader = await runEval(folder);
  t.equal(badHeader.status, 1);
  t.match(badHeader.stderr, /records\.csv has columns \[name, ahi\]/);
});
