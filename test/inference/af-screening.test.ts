import t from 'tap';
import { join } from 'node:path';
import { AfScreening } from '../../hub/inference/af-screening.js';
import { evaluateAf } from '../../hub/inference/eval-af.js';
import { loadModels, releaseModels } from '../../hub/inference/model-registry.js';
import { modelsDir, sharedDataDir } from './paths.js';

const silent = { info: () => undefined, warn: () => undefined };

/** A deterministic pseudo-random sequence, so that the "AF" window is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

t.test('scoring single windows', async (t) => {
  const registry = await loadModels(modelsDir, silent);
  t.teardown(() => releaseModels(registry));
  const screening = await AfScreening.fromRegistry(registry);
  if (screening === undefined) throw new Error('af-rr did not load');

  const sinus = Array.from({ length: 60 }, (_, i) => 850 + 25 * Math.sin(i / 4));
  const regular = await screening.scoreRrWindow(sinus);
  t.ok(regular.probability < 0.1, `sinus rhythm scores low (${regular.probability})`);
  t.notOk(regular.isAf);

  const withEctopics = [...sinus];
  for (const at of [10, 25, 40]) {
    withEctopics[at] = 560;
    withEctopics[at + 1] = 1150;
  }
  const ectopic = await screening.scoreRrWindow(withEctopics);
  t.notOk(ectopic.isAf, `three premature beats do not read as AF (${ectopic.probability})`);
  t.match(ectopic.explanation, /6 beats were set aside/);

  const random = lcg(7);
  const chaotic = Array.from({ length: 60 }, () => 450 + 500 * random());
  const af = await screening.scoreRrWindow(chaotic, { pnn50: 0.05 });
  t.ok(af.probability > 0.9, `an irregularly irregular window scores high (${af.probability})`);
  t.ok(af.isAf);
  t.match(af.explanation, /atrial fibrillation/);
  t.match(af.explanation, /your usual 5 %/, 'the personal baseline is named');
  t.match(af.explanation, /not a diagnosis/);
});

t.test('the shipped model reproduces its manifest figures on the shared AFDB data', async (t) => {
  const registry = await loadModels(modelsDir, silent);
  t.teardown(() => releaseModels(registry));
  const screening = await AfScreening.fromRegistry(registry);
  const model = registry.get('af-rr');
  if (screening === undefined || model === undefined) throw new Error('af-rr did not load');
  const evaluation = await evaluateAf(screening, join(sharedDataDir, 'afdb'));
  const allData = (model.manifest.evaluation as { allData: { model: Record<string, number>; tatenoGlass: Record<string, number> } }).allData;
  for (const key of ['tp', 'fp', 'tn', 'fn', 'sensitivity', 'specificity', 'ppv'] as const) {
    t.equal(evaluation.model[key], allData.model[key], `model ${key}`);
    t.equal(evaluation.tatenoGlass[key], allData.tatenoGlass[key], `baseline ${key}`);
  }
});
