/** The manifest (models/<id>/model.json) that says what a shipped ONNX graph takes and gives. */

export interface TensorSpec {
  readonly name: string;
  readonly dtype: string;
  /** Numbers are fixed sizes; strings are named dimensions that vary (the batch). */
  readonly shape: readonly (number | string)[];
  readonly meaning?: string;
}

export interface ModelManifest {
  readonly id: string;
  readonly version: string;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  readonly decisionThreshold: number;
  readonly window: Readonly<Record<string, unknown>>;
  readonly evaluation: Readonly<Record<string, unknown>>;
  readonly training: Readonly<Record<string, unknown>>;
  /** Everything else the model's own code reads (feature references, baseline parameters). */
  readonly [extra: string]: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tensorSpecs(value: unknown, where: string): TensorSpec[] {
  if (!Array.isArray(value) || value.length === 0) throw new Error(`${where} must be a non-empty list`);
  return value.map((spec: unknown, i) => {
    if (!isRecord(spec) || typeof spec.name !== 'string' || typeof spec.dtype !== 'string' || !Array.isArray(spec.shape)) {
      throw new Error(`${where}[${i}] needs name, dtype and shape`);
    }
    const shape = spec.shape as unknown[];
    if (!shape.every((d) => typeof d === 'string' || (typeof d === 'number' && Number.isInteger(d) && d > 0))) {
      throw new Error(`${where}[${i}].shape must hold positive integers or dimension names`);
    }
    return { ...spec, name: spec.name, dtype: spec.dtype, shape: shape as (number | string)[] };
  });
}

/** Validates the parts of a manifest the hub relies on; throws with the reason otherwise. */
export function parseManifest(json: unknown): ModelManifest {
  if (!isRecord(json)) throw new Error('manifest must be a JSON object');
  const { id, version, decisionThreshold, window, evaluation, training } = json;
  if (typeof id !== 'string' || id === '') throw new Error('manifest needs an id');
  if (typeof version !== 'string') throw new Error('manifest needs a version');
  if (typeof decisionThreshold !== 'number') throw new Error('manifest needs a numeric decisionThreshold');
  if (!isRecord(window) || !isRecord(evaluation) || !isRecord(training)) {
    throw new Error('manifest needs window, evaluation and training objects');
  }
  return {
    ...json,
    id,
    version,
    decisionThreshold,
    window,
    evaluation,
    training,
    inputs: tensorSpecs(json.inputs, 'inputs'),
    outputs: tensorSpecs(json.outputs, 'outputs'),
  };
}

/** What an ONNX session reports about one of its inputs or outputs. */
export interface GraphValue {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  readonly shape?: readonly (number | string)[];
}

/** Differences between the manifest and the graph, in words; empty when they agree. */
export function manifestMismatches(manifest: ModelManifest, graphInputs: readonly GraphValue[], graphOutputs: readonly GraphValue[]): string[] {
  const problems: string[] = [];
  const compare = (kind: string, specs: readonly TensorSpec[], graph: readonly GraphValue[]): void => {
    const specNames = specs.map((s) => s.name).join(', ');
    const graphNames = graph.map((g) => g.name).join(', ');
    if (specNames !== graphNames) {
      problems.push(`${kind} are [${specNames}] in the manifest but [${graphNames}] in the graph`);
      return;
    }
    specs.forEach((spec, i) => {
      const value = graph[i];
      if (value === undefined) return;
      if (!value.isTensor) {
        problems.push(`${kind} ${spec.name} is not a tensor in the graph`);
        return;
      }
      if (value.type !== spec.dtype) problems.push(`${kind} ${spec.name} is ${spec.dtype} in the manifest but ${value.type ?? '?'} in the graph`);
      const graphShape = value.shape ?? [];
      const same = graphShape.length === spec.shape.length && spec.shape.every((d, k) => d === graphShape[k]);
      if (!same) problems.push(`${kind} ${spec.name} has shape [${spec.shape.join(', ')}] in the manifest but [${graphShape.join(', ')}] in the graph`);
    });
  };
  compare('inputs', manifest.inputs, graphInputs);
  compare('outputs', manifest.outputs, graphOutputs);
  return problems;
}
