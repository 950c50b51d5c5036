import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from the compiled test's place in dist/test/drivers/ble/. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The shared device vectors; HEARTH_VECTORS_FILE points elsewhere (e.g. a user's own copy). */
export const vectorsFile = process.env['HEARTH_VECTORS_FILE'] ?? resolve(repoRoot, '../shared/vectors/devices.json');

export const cliMain = resolve(repoRoot, 'dist/hub/cli/main.js');
