import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { evaluateIllness } from '../../hub/inference/eval-illness.js';
import { IllnessWarning } from '../../hub/inference/illness-warning.js';
import { loadModels, releaseModels } from '../../hub/inference/model-registry.js';
import { modelsDir, sharedDataDir } from './paths.js';

interface Figures {
  readonly perPerson: readonly { readonly personId: string }[];
  readonly [figure: string]: unknown;
}

t.test('the illness evaluation of two participants reproduces the figures in the manifest', async (t) => {
  const manifest = JSON.parse(readFileSync(join(modelsDir, 'illness-rhr', 'model.json'), 'utf8')) as { evaluation: { subset: Figures } };
  const recorded = manifest.evaluation.subset;
  const folder = mkdtempSync(join(tmpdir(), 'hearth-illness-eval-'));
  for (const { personId } of recorded.perPerson) {
    for (const kind of ['hr', 'steps']) symlinkSync(join(sharedDataDir, 'wearable-replay', `${personId}_${kind}.csv.gz`), join(folder, `${personId}_${kind}.csv.gz`));
  }
  const models = await loadModels(modelsDir, { info: () => undefined, warn: () => undefined });
  t.teardown(() => releaseModels(models));
  const warning = IllnessWarning.fromRegistry(models);
  if (warning === undefined) throw new Error('illness-rhr did not load');
  const { dataDir: _ran, injection: _how, ...measured } = await evaluateIllness(warning, folder);
  const { dataDir: _recorded, injection: _described, ...expected } = recorded;
  t.same(measured, expected);
});
