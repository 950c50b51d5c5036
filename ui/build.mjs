// Builds the dashboard into ui/dist: type-checks ui/src, bundles it with esbuild (uPlot and the
// styles included, nothing fetched from a CDN), and writes index.html naming the hashed files so a
// browser never mixes a cached old bundle with a new page.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { execPath, exit, stderr } from 'node:process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const uiDir = dirname(fileURLToPath(import.meta.url));
const rootDir = dirname(uiDir);
const outDir = join(uiDir, 'dist');

const check = spawnSync(execPath, [join(rootDir, 'node_modules/typescript/bin/tsc'), '-p', join(uiDir, 'tsconfig.json')], { stdio: 'inherit' });
if (check.status !== 0) {
  stderr.write('ui: type check failed\n');
  exit(1);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const result = await build({
  entryPoints: { app: join(uiDir, 'src/main.tsx') },
  bundle: true,
  minify: true,
  format: 'esm',
  // Phones a few years old: Safari 15, Chrome 100.
  target: ['es2020', 'chrome100', 'safari15', 'firefox100'],
  outdir: outDir,
  entryNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'none',
  // Pages are Preact components written in JSX (.tsx); the same settings are in tsconfig.json.
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
const script = outputs.find((file) => file.endsWith('.js'));
const style = outputs.find((file) => file.endsWith('.css'));
if (script === undefined || style === undefined) {
  stderr.write(`ui: expected one script and one stylesheet, got ${outputs.join(', ')}\n`);
  exit(1);
}

const template = readFileSync(join(uiDir, 'src/index.html'), 'utf8');
writeFileSync(join(outDir, 'index.html'), template.replace('%STYLE%', style).replace('%SCRIPT%', script));
