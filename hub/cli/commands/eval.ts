import { join, resolve } from 'node:path';
import { ApneaScreening } from '../../apps/sleeporacle/apnea-screening.js';
import { evaluateApnea } from '../../apps/sleeporacle/eval-apnea.js';
import { AfScreening } from '../../inference/af-screening.js';
import { evaluateAf } from '../../inference/eval-af.js';
import { evaluateIllness } from '../../inference/eval-illness.js';
import { IllnessWarning } from '../../inference/illness-warning.js';
import { loadModels, releaseModels, type ModelRegistry } from '../../inference/model-registry.js';
import { installedModelsDir } from '../../inference/models-dir.js';
import { parseArgs, stringOption } from '../args.js';
import { UsageError, type Command, type CommandIo } from '../command.js';

function defaultDataDir(set: string): string {
  return join(process.env.HEARTH_SHARED_DATA ?? resolve('../shared/data'), set);
}

const evaluations: Record<string, { dataSet: string; run: (models: ModelRegistry, dataDir: string) => Promise<unknown> }> = {
  af: {
    dataSet: 'afdb',
    run: async (models, dataDir) => {
      const screening = await AfScreening.fromRegistry(models);
      if (screening === undefined) throw new Error('the af-rr model is not available');
      return evaluateAf(screening, dataDir);
    },
  },
  illness: {
    dataSet: 'wearable-replay',
    run: async (models, dataDir) => {
      const warning = IllnessWarning.fromRegistry(models);
      if (warning === undefined) throw new Error('the illness-rhr model is not available');
      return evaluateIllness(warning, dataDir);
    },
  },
  apnea: {
    dataSet: 'apnea-ecg',
    run: async (models, dataDir) => {
      const screening = ApneaScreening.fromRegistry(models);
      if (screening === undefined) throw new Error('the apnea-rr model is not available');
      return evaluateApnea(screening, dataDir);
    },
  },
};

/** `eval <model> --data <dir> [--models <dir>]`: evaluates a shipped model on a folder of data. */
export const evalCommand: Command = async (args, io: CommandIo) => {
  const parsed = parseArgs(args, ['data', 'models']);
  const name = parsed.positional[0];
  const evaluation = name === undefined ? undefined : evaluations[name];
  if (evaluation === undefined) throw new UsageError(`eval needs one of: ${Object.keys(evaluations).join(', ')}`);
  const dataDir = stringOption(parsed, 'data') ?? defaultDataDir(evaluation.dataSet);
  const models = await loadModels(stringOption(parsed, 'models') ?? installedModelsDir(), { info: () => undefined, warn: io.stderr });
  try {
    io.stdout(JSON.stringify(await evaluation.run(models, dataDir), null, 2));
    return 0;
  } catch (error) {
    io.stderr(`hearth eval ${name ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await releaseModels(models);
  }
};
