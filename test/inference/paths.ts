/** Where the tests find the shipped models and the shared data, from dist/test/inference/ or test/inference/. */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const repoRoot = here.includes('/dist/') ? resolve(here, '../../..') : resolve(here, '../..');
export const modelsDir = join(repoRoot, 'models');
export const sharedDataDir = process.env.HEARTH_SHARED_DATA ?? resolve(repoRoot, '../shared/data');
