import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import t from 'tap';
import { BUILT_UI_DIR } from '../../hub/api/static-ui.js';
import { onboardOwner, startApiHub } from './api-harness.js';

/**
 * How the hub delivers the dashboard's files: the build's .br or .gz by the browser's
 * Accept-Encoding, hashed scripts and styles kept for a year, the page, service worker and
 * manifest checked again on each load, API answers never kept; and the built web app manifest
 * has what a phone needs to install the dashboard.
 */

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** A GET with exactly the headers given: fetch would ask for and undo the compression itself. */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A dashboard as the build leaves it: hashed files, each text file with its .br and .gz. */
function builtDashboard(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-ui-delivery-'));
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>Hearth dashboard</title><script type="module" src="/app-ABCD1234.js"></script>',
    'app-ABCD1234.js': `console.log(${JSON.stringify('hearth '.repeat(200))});`,
    'app-WXYZ5678.css': `body { color: #1f1a17; }\n${'.tile { margin: 0; }\n'.repeat(50)}`,
    'service-worker.js': 'self.addEventListener("fetch", () => undefined);',
    'manifest.webmanifest': JSON.stringify({ name: 'Hearth' }),
  };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), content);
    writeFileSync(join(dir, `${name}.gz`), gzipSync(content));
    writeFileSync(join(dir, `${name}.br`), brotliCompressSync(content));
  }
  writeFileSync(join(dir, 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return dir;
}

t.test('the dashboard files are sent brotli- or gzip-compressed as the browser accepts, and plain otherwise', async (t) => {
  const uiDir = builtDashboard();
  const api = await startApiHub({ api: { uiDir } });
  t.teardown(() => api.stop());
  const script = readFileSync(join(uiDir, 'app-ABCD1234.js'), 'utf8');

  const br = await get(api.base, '/app-ABCD1234.js', { 'accept-encoding': 'gzip, deflate, br' });
  t.equal(br.status, 200);
  t.equal(br.headers['content-encoding'], 'br', 'brotli when the browser takes it');
  t.match(br.headers['content-type'], /javascript/);
  t.match(br.headers['vary'], /accept-encoding/i, 'a shared cache keeps the encodings apart');
  t.equal(brotliDecompressSync(br.body).toString(), script);

  const gzip = await get(api.base, '/app-ABCD1234.js', { 'accept-encoding': 'gzip' });
  t.equal(gzip.headers['content-encoding'], 'gzip', 'gzip when that is all it takes');
  t.equal(gunzipSync(gzip.body).toString(), script);

  const plain = await get(api.base, '/app-ABCD1234.js');
  t.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: the file as it is');
  t.equal(plain.body.toString(), script);

  for (const [path, type] of [['/', /^text\/html/], ['/people/alex', /^text\/html/], ['/app-WXYZ5678.css', /^text\/css/], ['/manifest.webmanifest', /^application\/manifest\+json/]] as const) {
    const answer = await get(api.base, path, { 'accept-encoding': 'br' });
    t.equal(answer.headers['content-encoding'], 'br', `${path}: compressed`);
    t.match(answer.headers['content-type'], type, `${path}: with its own content type`);
  }
  t.match(gunzipSync((await get(api.base, '/people/alex', { 'accept-encoding': 'gzip' })).body).toString(), /Hearth dashboard/, 'a deep link gets the compressed page too');
});

t.test('hashed files are kept for a year; the page, service worker, manifest and icons are checked again; API answers are never kept', async (t) => {
  const uiDir = builtDashboard();
  const api = await startApiHub({ api: { uiDir } });
  t.teardown(() => api.stop());
  const immutable = 'public, max-age=31536000, immutable';
  const cases: [string, string, string][] = [
    ['a hashed script', '/app-ABCD1234.js', immutable],
    ['a hashed stylesheet', '/app-WXYZ5678.css', immutable],
    ['the page', '/', 'no-cache'],
    ['the page by name', '/index.html', 'no-cache'],
    ['the page for a dashboard route', '/people/alex', 'no-cache'],
    ['the service worker', '/service-worker.js', 'no-cache'],
    ['the manifest', '/manifest.webmanifest', 'no-cache'],
    ['an icon', '/icon-192.png', 'no-cache'],
  ];
  for (const [what, path, cacheControl] of cases) {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const answer = await get(api.base, path, { 'accept-encoding': encoding });
      t.equal(answer.status, 200, `${what} (${encoding}): served`);
      t.equal(answer.headers['cache-control'], cacheControl, `${what} (${encoding}): Cache-Control ${cacheControl}`);
    }
  }
  const owner = await onboardOwner(api.base);
  const people = await owner.get('/api/v1/people');
  t.equal(people.status, 200);
  t.equal(people.headers.get('cache-control'), 'no-store', 'health data is still never stored');
  t.equal((await get(api.base, '/api/v1/health', { 'accept-encoding': 'br' })).headers['cache-control'], 'no-store');
});

t.test('the built dashboard has a web app manifest a phone can install from, linked from its page', async (t) => {
  const api = await startApiHub({ api: { uiDir: BUILT_UI_DIR } });
  t.teardown(() => api.stop());
  const page = (await get(api.base, '/')).body.toString();
  const manifestHref = /<link rel="manifest" href="([^"]+)">/.exec(page)?.[1];
  t.equal(manifestHref, '/manifest.webmanifest', 'index.html links the manifest');
  const answer = await get(api.base, '/manifest.webmanifest');
  t.equal(answer.status, 200);
  t.match(answer.headers['content-type'], /^application\/manifest\+json/);
  const manifest = JSON.parse(answer.body.toString()) as {
    name: string;
    short_name: string;
    start_url: string;
    display: string;
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; type: string; purpose: string }[];
  };
  t.equal(manifest.name, 'Hearth');
  t.ok(manifest.short_name.length > 0 && manifest.short_name.length <= 12, 'a short name that fits under an icon');
  t.equal(manifest.start_url, '/');
  t.equal(manifest.display, 'standalone');
  const css = readFileSync(new URL('../../../ui/src/styles/app.css', import.meta.url), 'utf8');
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  t.equal(manifest.theme_color, /--accent:\s*(#[0-9a-f]{6})/i.exec(root)?.[1], 'the theme colour is the stylesheet’s accent');
  t.equal(manifest.background_color, /--bg:\s*(#[0-9a-f]{6})/i.exec(root)?.[1], 'the background is the stylesheet’s');
  t.match(page, new RegExp(`<meta name="theme-color" content="${manifest.theme_color}">`), 'and the page says the same theme colour');

  const wanted = [
    { sizes: '192x192', purpose: 'any' },
    { sizes: '512x512', purpose: 'any' },
    { sizes: '512x512', purpose: 'maskable' },
  ];
  for (const { sizes, purpose } of wanted) {
    const icon = manifest.icons.find((i) => i.sizes === sizes && i.purpose.split(' ').includes(purpose));
    t.ok(icon, `an icon ${sizes} for ${purpose}`);
    if (icon === undefined) continue;
    t.equal(icon.type, 'image/png');
    const image = await get(api.base, icon.src);
    t.equal(image.status, 200, `${icon.src} is served`);
    t.match(image.headers['content-type'], /^image\/png/);
    t.same([...image.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${icon.src} is a PNG`);
    const [width, height] = sizes.split('x').map(Number);
    t.same([image.body.readUInt32BE(16), image.body.readUInt32BE(20)], [width, height], `${icon.src} is ${sizes}`);
  }

  // The service worker keeps the files this page names, and the pages' chunks not opened yet.
  const worker = (await get(api.base, '/service-worker.js')).body.toString();
  const named = page.match(/\/(app|chunk)-[A-Z0-9]{8}\.(js|css)/g) ?? [];
  t.ok(named.length >= 2, 'index.html names the entry script and the stylesheet');
  for (const asset of named) t.ok(worker.includes(`"${asset}"`), `the service worker keeps ${asset}`);
  const kept = JSON.parse(/(\["\/index\.html"[^\]]*\])/.exec(worker)?.[1] ?? '[]') as string[];
  const built = readdirSync(BUILT_UI_DIR).filter((file) => /^(app|chunk)-[A-Z0-9]{8}\.(js|css)$/.test(file));
  t.same(built.filter((file) => !kept.includes(`/${file}`)), [], 'every script and stylesheet of the build is kept for offline use');
  t.ok(kept.includes('/index.html') && kept.includes('/manifest.webmanifest'), 'the page and the manifest among them');
  t.notOk(kept.some((path) => path.startsWith('/api/')), 'and no API path');
});
