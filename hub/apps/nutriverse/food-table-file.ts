/** data/food/ of this installation, found from this file both in hub/apps/nutriverse/ and in dist/hub/apps/nutriverse/. */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function installedFoodTable(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const root = here.includes('/dist/') ? resolve(here, '../../../..') : resolve(here, '../../..');
  return join(root, 'data', 'food', 'sr28-foods.json.gz');
}
