import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** ui/src at the repository root, found from dist/test/ui/helpers/. */
const UI_SRC = fileURLToPath(new URL('../../../../ui/src/', import.meta.url));

/**
 * Modules of the dashboard (paths under ui/src, as `format/metric-format.ts`) bundled together for
 * Node, the way ui/build.mjs bundles them for the browser, so their pure logic is tested without
 * one. One bundle holds them all, so they share one set of signals (the household's settings).
 */
export async function importUiModules<T>(paths: readonly string[]): Promise<T> {
  const entry = paths.map((path) => `export * from './${path}';`).join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: UI_SRC, sourcefile: 'ui-modules-under-test.ts', loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild wrote nothing');
  const dir = mkdtempSync(join(tmpdir(), 'hearth-ui-modules-'));
  const file = join(dir, 'bundle.mjs');
  writeFileSync(file, code);
  try {
    return (await import(pathToFileURL(file).href)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
