// Builds the dashboard into ui/dist: type-checks ui/src, bundles it with esbuild (uPlot and the
// styles included, nothing fetched from a CDN), and writes index.html naming the hashed files so a
// browser never mixes a cached old bundle with a new page. Beside them: the web app manifest and
// its icons, the service worker that keeps this build's files for offline use, and a .br and .gz
// of every text file, which the hub sends to browsers that accept them.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { execPath, exit, stderr } from 'node:process';
import { fileURLToPath } from 'node:url';
import { constants, brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { iconPng } from './build/icons.mjs';

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
  // Pages other than the overview are imported when first opened (lazy-page.tsx): each becomes a
  // chunk, and code they share with the overview a chunk of its own.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  metafile: true,
  legalComments: 'none',
  // Pages are Preact components written in JSX (.tsx); the same settings are in tsconfig.json.
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
// The pages imported when first opened are entry points of their own in the metafile: the script
// index.html starts is the one made from main.tsx.
const script = Object.entries(result.metafile.outputs).find(([file, output]) => file.endsWith('.js') && output.entryPoint?.endsWith('src/main.tsx') === true)?.[0];
const styles = outputs.filter((file) => file.endsWith('.css'));
const style = styles[0];
if (script === undefined || style === undefined || styles.length !== 1) {
  stderr.write(`ui: expected one entry script and one stylesheet, got ${outputs.join(', ')}\n`);
  exit(1);
}
const chunks = outputs.filter((file) => file.endsWith('.js'));

/** The chunks the entry script imports outright, named in index.html so they download beside it. */
/** @param {string} file @param {Set<string>} seen @returns {Set<string>} */
function staticImports(file, seen = new Set()) {
  for (const imported of result.metafile.outputs[file]?.imports ?? []) {
    if (imported.kind !== 'import-statement' || seen.has(imported.path)) continue;
    seen.add(imported.path);
    staticImports(imported.path, seen);
  }
  return seen;
}
const preloads = [...staticImports(script)].map((file) => `<link rel="modulepreload" href="/${basename(file)}">`).join('\n  ');

/** A colour of the light theme, read from the stylesheet so the installed app matches the page. */
/** @param {string} name @returns {string} */
function themeColour(name) {
  const css = readFileSync(join(uiDir, 'src/styles/app.css'), 'utf8');
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const colour = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})\\s*;`).exec(root)?.[1];
  if (colour === undefined) {
    stderr.write(`ui: no --${name} colour in :root of app.css\n`);
    exit(1);
  }
  return colour;
}
const accent = themeColour('accent');
const background = themeColour('bg');

const template = readFileSync(join(uiDir, 'src/index.html'), 'utf8');
writeFileSync(join(outDir, 'index.html'), template.replace('%STYLE%', style).replace('%SCRIPT%', basename(script)).replace('%PRELOAD%', preloads).replace('%THEME%', accent));

const icons = [
  { file: 'icon-192.png', size: 192, purpose: 'any', heartShare: 0.72 },
  { file: 'icon-512.png', size: 512, purpose: 'any', heartShare: 0.72 },
  // A maskable icon may be cut to a circle of 80 % of its side: the heart stays well inside.
  { file: 'icon-maskable-512.png', size: 512, purpose: 'maskable', heartShare: 0.5 },
];
for (const icon of icons) writeFileSync(join(outDir, icon.file), iconPng({ size: icon.size, background: accent, foreground: background, heartShare: icon.heartShare }));

const manifest = {
  name: 'Hearth',
  short_name: 'Hearth',
  description: "The household's vitals, from the hub at home.",
  id: '/',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  theme_color: accent,
  background_color: background,
  icons: icons.map((icon) => ({ src: `/${icon.file}`, sizes: `${icon.size}x${icon.size}`, type: 'image/png', purpose: icon.purpose })),
};
writeFileSync(join(outDir, 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);

// What the service worker keeps: every file of this build, the pages not opened yet among them. Its cache is named after their
// content, so a new build replaces it whole.
const shell = ['/index.html', ...chunks.map((file) => `/${file}`), `/${style}`, '/manifest.webmanifest', ...icons.map((icon) => `/${icon.file}`)];
const version = createHash('sha256');
for (const path of shell) version.update(path).update(readFileSync(join(outDir, path.slice(1))));
await build({
  entryPoints: { 'service-worker': join(uiDir, 'src/offline/service-worker.ts') },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome100', 'safari15', 'firefox100'],
  outdir: outDir,
  legalComments: 'none',
  logLevel: 'warning',
  define: { __HEARTH_SHELL__: JSON.stringify(shell), __HEARTH_CACHE__: JSON.stringify(`hearth-shell-${version.digest('hex').slice(0, 16)}`) },
});

// Compressed once here rather than on every request of a small box.
const COMPRESSIBLE = /\.(html|js|css|webmanifest|json|svg)$/;
for (const file of readdirSync(outDir).filter((name) => COMPRESSIBLE.test(name))) {
  const content = readFileSync(join(outDir, file));
  writeFileSync(join(outDir, `${file}.gz`), gzipSync(content, { level: 9 }));
  writeFileSync(join(outDir, `${file}.br`), brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
}
