import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this helper's compiled place in dist/test/docs/helpers/. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Build output, installed packages and run data: not the project's own text. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'dist', 'var', 'coverage', '.tap', 'relay-data']);
const SKIPPED_PATHS = new Set(['ui/dist']);
const TEXT_FILE = /\.(ts|mts|js|mjs|md|yaml|yml|sh|service|py|css|html)$|^Makefile$/;

/** Repository-relative paths (forward slashes) of the project's source and documentation files. */
export function projectTextFiles(root = repoRoot): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(root, path).split('\\').join('/');
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !SKIPPED_PATHS.has(rel)) walk(path);
      } else if (entry.isFile() && TEXT_FILE.test(entry.name)) {
        found.push(rel);
      }
    }
  };
  walk(root);
  return found.sort();
}
