import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { portOf, rawRequest } from '../helpers/raw-http.js';
import { ApiClient, onboardOwner, seedReadings, startApiHub } from './api-harness.js';

/**
 * Every kind of answer the hub gives carries the browser's hardening headers: the dashboard's
 * files, API answers and refusals, an export, GraphQL and a refused socket upgrade. Answers that
 * carry (or could carry) health data say `no-store`. The values are this test's own, not read
 * from the hub, so that a weakened policy fails here.
 */

const EVERY_ANSWER: Readonly<Record<string, RegExp>> = {
  'x-frame-options': /^DENY$/,
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /^(no-referrer|same-origin|strict-origin)$/,
  'cross-origin-opener-policy': /^same-origin$/,
  'permissions-policy': /(^|, )camera=\(\)(, |$)/,
};

function checkCsp(t: Test, csp: string | undefined, what: string): void {
  const directives = new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
  t.same(directives.get('frame-ancestors'), ["'none'"], `${what}: no page may frame it`);
  t.same(directives.get('object-src'), ["'none'"], `${what}: no plug-ins`);
  t.same(directives.get('base-uri'), ["'none'"], `${what}: no <base> redirection`);
  const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
  t.same(scripts, ["'self'"], `${what}: scripts from the hub only, none inline`);
  const styles = directives.get('style-src') ?? directives.get('default-src') ?? [];
  t.notOk(styles.includes("'unsafe-inline'"), `${what}: no inline styles`);
  // The service worker and the web app manifest come from the hub itself.
  t.same(directives.get('worker-src') ?? directives.get('default-src'), ["'self'"], `${what}: a service worker from the hub only`);
  t.same(directives.get('manifest-src') ?? directives.get('default-src'), ["'self'"], `${what}: the manifest from the hub only`);
}

function hardened(t: Test, headers: Readonly<Record<string, string | undefined>>, what: string, healthData: boolean): void {
  for (const [name, pattern] of Object.entries(EVERY_ANSWER)) t.match(headers[name] ?? '', pattern, `${what}: ${name}`);
  checkCsp(t, headers['content-security-policy'], what);
  if (healthData) t.match(headers['cache-control'] ?? '', /(^|, *)no-store(,|$)/, `${what}: Cache-Control no-store`);
}

function fromFetch(headers: Headers): Record<string, string | undefined> {
  return Object.fromEntries([...headers.entries()]);
}

t.test('every kind of route answers with the hardening headers; health data is never stored', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-headers-'));
  const uiDir = join(dataDir, 'ui');
  mkdirSync(uiDir, { recursive: true });
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Hearth</title><script type="module" src="/app.js"></script>');
  writeFileSync(join(uiDir, 'app.js'), 'export {};');
  const api = await startApiHub({ dataDir, api: { uiDir } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  await seedReadings(api.hub, 'strap-alex', [{ metric: 'heart_rate', value: 61, ts: Date.now() - 60_000 }]);
  const anonymous = new ApiClient(api.base);
  const range = `personId=alex&from=${Date.now() - 3_600_000}&to=${Date.now()}`;

  const cases: [string, ApiClient, string, boolean][] = [
    ['the dashboard page', anonymous, '/', false],
    ['a page of the dashboard (index.html for its own route)', anonymous, '/people/alex', false],
    ['a dashboard script', anonymous, '/app.js', false],
    ['health (open)', anonymous, '/api/v1/health', true],
    ['a refusal (401)', anonymous, '/api/v1/people', true],
    ['an unknown API path (401)', anonymous, '/api/v1/nothing-here', true],
    ['people', owner, '/api/v1/people', true],
    ['a person', owner, '/api/v1/people/alex', true],
    ['a chart', owner, `/api/v1/series?${range}&metric=heart_rate`, true],
    ['a not-found answer (404)', owner, '/api/v1/nothing-here', true],
    ['the CSV export', owner, `/api/v1/export?${range}&format=csv`, true],
    ['the FHIR export', owner, `/api/v1/export?${range}&format=fhir`, true],
  ];
  for (const [what, client, path, healthData] of cases) {
    const answer = await client.get(path);
    t.ok(answer.status < 500, `${what}: answered ${answer.status}`);
    hardened(t, fromFetch(answer.headers), what, healthData);
  }
  t.match((await anonymous.get('/')).headers.get('content-type'), /^text\/html/, 'the page is the dashboard');
  t.match((await owner.get(`/api/v1/export?${range}&format=csv`)).text, /61/, 'the export carries the reading');

  const query = await owner.post('/graphql', { query: '{ people { id latest { metric value } } }' });
  t.equal(query.status, 200);
  hardened(t, fromFetch(query.headers), 'a GraphQL query', true);
  hardened(t, fromFetch((await anonymous.post('/graphql', { query: '{ people { id } }' })).headers), 'a refused GraphQL query', true);

  const port = portOf(api.base);
  const upgrade = (path: string, extra: string[]): string =>
    [`GET ${path} HTTP/1.1`, 'Host: hearth.local', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', ...extra, '', ''].join('\r\n');
  for (const path of ['/api/v1/live', '/graphql']) {
    const refused = await rawRequest({ port }, upgrade(path, ['Authorization: Bearer hth_not-a-token']));
    t.equal(refused.status, 401, `${path}: an upgrade with a revoked or made-up token is refused`);
    hardened(t, refused.headers, `${path}: the refused upgrade`, true);
  }
});
