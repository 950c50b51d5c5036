/** models/ of this installation, found from this file both in hub/inference/ and in dist/hub/inference/. */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function installedModelsDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const root = here.includes('/dist/') ? resolve(here, '../../..') : resolve(here, '../..');
  return join(root, 'models');
}
