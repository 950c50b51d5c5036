/**
 * Loads every model under models/ at start: one ONNX session each, single-threaded so that ingest
 * keeps its CPU. A model whose manifest disagrees with its graph, or that fails to load, is left
 * out with the reason logged; the hub carries on with the others.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ort } from './onnx-runtime.js';
import { manifestMismatches, parseManifest, type GraphValue, type ModelManifest } from './model-manifest.js';

export interface InferenceLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface LoadedModel {
  readonly id: string;
  readonly dir: string;
  readonly manifest: ModelManifest;
  readonly session: ort.InferenceSession;
}

export type ModelRegistry = ReadonlyMap<string, LoadedModel>;

export const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
};

function graphValues(metadata: readonly ort.InferenceSession.ValueMetadata[]): GraphValue[] {
  return metadata.map((m) => (m.isTensor ? { name: m.name, isTensor: true, type: m.type, shape: m.shape } : { name: m.name, isTensor: false }));
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Loads one model folder; throws with the reason when it cannot be used. */
export async function loadModel(dir: string): Promise<LoadedModel> {
  const manifest = parseManifest(JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as unknown);
  const session = await ort.InferenceSession.create(join(dir, 'model.onnx'), SESSION_OPTIONS);
  const problems = manifestMismatches(manifest, graphValues(session.inputMetadata), graphValues(session.outputMetadata));
  if (problems.length > 0) {
    await session.release();
    throw new Error(`manifest does not match the graph: ${problems.join('; ')}`);
  }
  return { id: manifest.id, dir, manifest, session };
}

/** Every folder of `modelsDir` holding a model.json is a model; the rest (train/) is skipped. */
export async function loadModels(modelsDir: string, logger: InferenceLogger): Promise<ModelRegistry> {
  const registry = new Map<string, LoadedModel>();
  const entries = await readdir(modelsDir, { withFileTypes: true });
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(modelsDir, entry.name);
    const files = await readdir(dir);
    if (!files.includes('model.json')) continue;
    try {
      const model = await loadModel(dir);
      registry.set(model.id, model);
      logger.info(`model ${model.id} ${model.manifest.version} loaded from ${dir}`);
    } catch (error) {
      logger.warn(`model in ${dir} refused: ${reason(error)}`);
    }
  }
  return registry;
}

export async function releaseModels(registry: ModelRegistry): Promise<void> {
  for (const model of registry.values()) await model.session.release();
}
