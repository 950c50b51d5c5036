import fc from 'fast-check';
import t, { type Test } from 'tap';
import { assertProperty } from '../helpers/property-seed.js';
import { portOf, rawRequest, type RawAnswer } from '../helpers/raw-http.js';
import { ApiClient, OWNER, onboardOwner, startApiHub } from './api-harness.js';

/**
 * The login check must hold on the route the router dispatches, whatever the shape of the URL:
 * percent-encoded letters, absolute-form targets, queries, and headers that look like a WebSocket
 * upgrade without being one. Requests go out as raw bytes, because fetch would normalise them.
 */

/** Routes anyone may reach; every other registered route must refuse the anonymous. */
const OPEN = new Set(['GET /api/v1/health', 'HEAD /api/v1/health', 'GET /api/v1/onboarding', 'HEAD /api/v1/onboarding', 'POST /api/v1/onboarding', 'POST /api/v1/auth/login', 'GET /', 'HEAD /']);

const INTROSPECTION = encodeURIComponent('{__schema{types{name}}}');

function request(method: string, target: string, headers: readonly string[] = [], body?: string): string {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: hearth.local', 'Connection: close', ...headers];
  if (body !== undefined) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body ?? ''}`;
}

function refusedAnonymous(t: Test, answer: RawAnswer, what: string, head = false): void {
  t.equal(answer.status, 401, `${what}: 401`);
  if (!head) t.equal((JSON.parse(answer.body) as { error?: string }).error, 'unauthenticated', `${what}: says why`);
}

t.test('the forms of URL the probe used answer 401 without credentials, and nothing of the household', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  await onboardOwner(api.base);
  const target = { port: portOf(api.base) };
  // An open pairing window lists what it heard, names included.
  const owner = new ApiClient(api.base);
  t.equal((await owner.post('/api/v1/auth/login', { username: OWNER.username, password: OWNER.password })).status, 200);
  t.equal((await owner.post('/api/v1/devices/pairing', { seconds: 120 })).status, 200);
  api.hub.context.bus.emit('device.discovered', { deviceId: 'ble:aa:bb:cc:dd:ee:ff', name: "Sam's glucose meter", transport: 'ble', ts: Date.now() });
  t.match((await owner.get('/api/v1/devices/pairing')).text, /Sam's glucose meter/, 'the window really lists the meter');

  const cases: [string, string][] = [
    ['percent-encoded a', request('GET', '/%61pi/v1/settings')],
    ['percent-encoded a, lower-case hex', request('GET', '/%61%70%69/v1/%73ettings')],
    ['pairing, percent-encoded', request('GET', '/%61pi/v1/devices/pairing')],
    ['pairing, every letter encoded', request('GET', '/%61%70%69/%76%31/%64%65%76%69%63%65%73/%70%61%69%72%69%6E%67')],
    ['absolute-form', request('GET', 'http://hearth.local/api/v1/settings')],
    ['absolute-form with port and query', request('GET', 'http://hearth.local:8080/api/v1/devices/pairing?x=1')],
    ['absolute-form, https and capitals', request('GET', 'HTTPS://Hearth.Local/api/v1/settings')],
    ['absolute-form, encoded', request('GET', 'http://hearth.local/%61pi/v1/devices/pairing')],
    ['HEAD, encoded', request('HEAD', '/%61pi/v1/settings')],
    ['graphql, encoded', request('GET', `/%67raphql?query=${INTROSPECTION}`)],
    ['graphql, absolute-form', request('GET', `http://hearth.local/graphql?query=${INTROSPECTION}`)],
    ['graphql, Upgrade header alone', request('GET', `/graphql?query=${INTROSPECTION}`, ['Upgrade: websocket'])],
    ['graphql, Upgrade with a look-alike Connection', request('GET', `/graphql?query=${INTROSPECTION}`, ['Upgrade: websocket', 'Connection: x-upgrade'])],
    ['graphql, Upgrade with Connection: keep-alive', request('GET', `/graphql?query=${INTROSPECTION}`, ['Upgrade: websocket', 'Connection: keep-alive'])],
    ['graphql POST, Upgrade header', request('POST', '/graphql', ['Upgrade: websocket'], JSON.stringify({ query: '{__schema{types{name}}}' }))],
    ['graphql POST, encoded', request('POST', '/%67raphql', [], JSON.stringify({ query: '{__schema{types{name}}}' }))],
    ['live socket path over plain HTTP with Upgrade', request('GET', '/api/v1/%6Cive', ['Upgrade: websocket', 'Connection: x-upgrade'])],
    ['settings through an upgrade', request('GET', '/api/v1/settings', ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='])],
  ];
  for (const [what, bytes] of cases) {
    const answer = await rawRequest(target, bytes);
    refusedAnonymous(t, answer, what, bytes.startsWith('HEAD'));
    t.notMatch(answer.body, /Home|glucose|__schema|householdName/, `${what}: nothing of the household`);
  }

  // A real upgrade of the GraphQL path is a handshake: it answers no query over HTTP.
  const handshake = await rawRequest(target, request('GET', `/graphql?query=${INTROSPECTION}`, ['Upgrade: websocket', 'Connection: Upgrade']));
  t.not(handshake.status, 200, 'an upgrade without a key is no query');
  t.notMatch(handshake.body, /__schema/);
});

/** Characters the router decodes in a path (decodeURI leaves `#$&+,/:;=?@` encoded). */
const DECODED_BY_ROUTER = /[A-Za-z0-9\-._~!*'()]/;

interface Shape {
  readonly routeIndex: number;
  readonly encode: readonly boolean[];
  readonly lowerHex: boolean;
  readonly param: string;
  readonly form: 'origin' | 'absolute';
  readonly origin: string;
  readonly query: string;
  readonly upgradeLookalike: 0 | 1 | 2;
}

function encodePath(path: string, shape: Shape): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const char = path[i] ?? '';
    const hex = char.charCodeAt(0).toString(16).padStart(2, '0');
    out += (shape.encode[i % shape.encode.length] ?? false) && DECODED_BY_ROUTER.test(char) ? `%${shape.lowerHex ? hex : hex.toUpperCase()}` : char;
  }
  return out;
}

t.test('property: random encodings and forms of every route that needs a login answer 401', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  await onboardOwner(api.base);
  const target = { port: portOf(api.base) };
  const routes = api.hub.routes.filter((r) => !OPEN.has(`${r.method} ${r.url}`));
  t.ok(routes.length >= 40, `${routes.length} routes (HEAD included) need a login`);

  const shape: fc.Arbitrary<Shape> = fc.record({
    routeIndex: fc.nat({ max: routes.length - 1 }),
    encode: fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
    lowerHex: fc.boolean(),
    param: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}$/),
    form: fc.constantFrom('origin', 'absolute'),
    origin: fc.constantFrom('http://hearth.local', 'http://127.0.0.1:8080', 'HTTP://HEARTH.LOCAL', 'https://hearth.local:443'),
    query: fc.constantFrom('', '?', '?x=1', `?query=${INTROSPECTION}`, '?personId=alex&metric=heart_rate&from=0&to=1'),
    upgradeLookalike: fc.constantFrom(0, 1, 2),
  });
  const seen = new Set<string>();
  await assertProperty(
    t,
    fc.asyncProperty(shape, async (s) => {
      const route = routes[s.routeIndex];
      if (route === undefined) return;
      seen.add(`${route.method} ${route.url}`);
      const path = encodePath(route.url.replace(/:[A-Za-z]+/g, s.param), s);
      const requestTarget = `${s.form === 'absolute' ? s.origin : ''}${path}${s.query}`;
      const headers = s.upgradeLookalike === 0 ? [] : s.upgradeLookalike === 1 ? ['Upgrade: websocket'] : ['Upgrade: websocket', 'Connection: x-upgrade'];
      const body = route.method === 'GET' || route.method === 'HEAD' || route.method === 'DELETE' ? undefined : '{}';
      const answer = await rawRequest(target, request(route.method, requestTarget, headers, body));
      const why = route.method === 'HEAD' ? 'unauthenticated' : (JSON.parse(answer.body) as { error?: string }).error;
      if (answer.status !== 401 || why !== 'unauthenticated') {
        throw new Error(`${route.method} ${requestTarget} (${route.url}) answered ${answer.status} ${answer.body.slice(0, 120)}`);
      }
    }),
    { numRuns: Math.max(600, routes.length * 15) },
  );
  t.equal(seen.size, routes.length, 'every route was tried');
});
