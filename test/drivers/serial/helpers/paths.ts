import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, from the compiled test's place in dist/test/drivers/serial/…. */
export function repoRoot(from: string): string {
  let dir = path.dirname(fileURLToPath(from));
  while (path.basename(dir) !== 'dist') dir = path.dirname(dir);
  return path.dirname(dir);
}

/** The shared device vectors; HEARTH_DEVICE_VECTORS points elsewhere (a user's own copy). */
export function deviceVectorsPath(from: string): string {
  return process.env['HEARTH_DEVICE_VECTORS'] ?? path.join(repoRoot(from), '..', 'shared', 'vectors', 'devices.json');
}
