import t from 'tap';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModels, releaseModels } from '../../hub/inference/model-registry.js';
import { modelsDir } from './paths.js';

function recordingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { info: () => undefined, warn: (m: string) => warnings.push(m) } };
}

async function shippedModelIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of await readdir(modelsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const files = await readdir(join(modelsDir, entry.name));
    if (files.includes('model.json')) ids.push((JSON.parse(await readFile(join(modelsDir, entry.name, 'model.json'), 'utf8')) as { id: string }).id);
  }
  return ids.sort();
}

t.test('every shipped model loads and its manifest matches its graph', async (t) => {
  const { warnings, logger } = recordingLogger();
  const registry = await loadModels(modelsDir, logger);
  t.teardown(() => releaseModels(registry));
  t.same(warnings, []);
  const ids = await shippedModelIds();
  t.ok(ids.includes('af-rr'));
  t.same([...registry.keys()].sort(), ids);
  for (const id of ids) {
    const model = registry.get(id);
    t.ok(model?.manifest.inputs.every((spec, i) => spec.name === model.session.inputNames[i]), `${id} inputs`);
  }
});

t.test('a model whose manifest disagrees with its graph is refused and the others still load', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-models-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await cp(modelsDir, dir, { recursive: true, filter: (src) => !src.includes('/train') });
  const manifestPath = join(dir, 'af-rr', 'model.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { inputs: { shape: (number | string)[] }[] };
  const input = manifest.inputs[0];
  if (input !== undefined) input.shape = ['batch', 99];
  await writeFile(manifestPath, JSON.stringify(manifest));

  const { warnings, logger } = recordingLogger();
  const registry = await loadModels(dir, logger);
  t.teardown(() => releaseModels(registry));
  t.notOk(registry.has('af-rr'));
  t.equal(warnings.length, 1);
  t.match(warnings[0], /af-rr.*refused.*features has shape \[batch, 99\] in the manifest but \[batch, \d+\]/);
  const others = (await shippedModelIds()).filter((id) => id !== 'af-rr');
  t.same([...registry.keys()].sort(), others);
});

t.test('a renamed output is refused too', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-models-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await cp(join(modelsDir, 'af-rr'), join(dir, 'af-rr'), { recursive: true });
  const manifestPath = join(dir, 'af-rr', 'model.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { outputs: { name: string }[] };
  const output = manifest.outputs[0];
  if (output !== undefined) output.name = 'probability';
  await writeFile(manifestPath, JSON.stringify(manifest));
  const { warnings, logger } = recordingLogger();
  const registry = await loadModels(dir, logger);
  t.equal(registry.size, 0);
  t.match(warnings[0], /outputs are \[probability\] in the manifest but \[af_probability\]/);
});
