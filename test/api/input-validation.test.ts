import fc from 'fast-check';
import t from 'tap';
import { onboardOwner, startApiHub } from './api-harness.js';
import { LiveClient, wsUrl } from './live-client.js';
import { assertProperty } from '../helpers/property-seed.js';

interface ErrorBody {
  error: string;
  message: string;
}

function isErrorBody(body: unknown): body is ErrorBody {
  const b = body as Partial<ErrorBody> | undefined;
  return typeof b?.error === 'string' && typeof b.message === 'string' && b.message.length > 0;
}

t.test('malformed and oversized inputs get a 4xx with a reason', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const headers = { cookie: owner.cookie ?? '', 'x-csrf-token': owner.csrf ?? '' };
  const raw = async (method: string, path: string, body: string | Buffer, contentType = 'application/json'): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${api.base}${path}`, { method, headers: { ...headers, 'content-type': contentType }, body });
    return { status: response.status, body: (await response.json()) };
  };
  const cases: [string, Promise<{ status: number; body: unknown }>, number, string][] = [
    ['broken JSON', raw('POST', '/api/v1/people', '{"name": '), 400, 'malformed_json'],
    ['a 2 MB body', raw('POST', '/api/v1/people', JSON.stringify({ name: 'x'.repeat(2_000_000) })), 413, 'payload_too_large'],
    ['a form post', raw('POST', '/api/v1/people', 'name=x', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type'],
    ['an unknown key', raw('POST', '/api/v1/people', JSON.stringify({ name: 'Kim', admin: true })), 400, 'invalid_request'],
    ['a wrong type', raw('PATCH', '/api/v1/settings', JSON.stringify({ units: 42 })), 400, 'invalid_request'],
    ['an array for an object', raw('POST', '/api/v1/auth/login', '[1,2,3]'), 400, 'invalid_request'],
    ['a pairing window too long', raw('POST', '/api/v1/devices/pairing', JSON.stringify({ seconds: 100000 })), 400, 'invalid_request'],
    ['a name too long', raw('PATCH', '/api/v1/devices/loose-thermo', JSON.stringify({ name: 'n'.repeat(500) })), 400, 'invalid_request'],
  ];
  for (const [what, pending, status, code] of cases) {
    const response = await pending;
    t.equal(response.status, status, what);
    t.ok(isErrorBody(response.body), `${what}: {error, message}`);
    t.equal((response.body as ErrorBody).error, code, what);
  }
  const queries: [string, number][] = [
    ['/api/v1/series?personId=alex&metric=nonsense&from=0&to=10', 400],
    ['/api/v1/series?personId=alex&metric=heart_rate&from=abc&to=10', 400],
    ['/api/v1/series?personId=alex&metric=heart_rate&from=10&to=5', 400],
    ['/api/v1/series?personId=alex&metric=heart_rate&from=0&to=10&maxPoints=0', 400],
    ['/api/v1/series?personId=alex&metric=heart_rate&from=0&to=10&maxPoints=100000000', 400],
    ['/api/v1/series?personId=../../etc&metric=heart_rate&from=0&to=10', 400],
    ['/api/v1/series?metric=heart_rate&from=0&to=10', 400],
    ['/api/v1/export?personId=alex&from=0&to=100000000000', 400],
    ['/api/v1/export?personId=alex&from=0&to=10&format=pdf', 400],
    ['/api/v1/waveforms?personId=alex&metric=ecg&from=0&to=3600000', 400],
    ['/api/v1/alerts?state=bogus', 400],
    ['/api/v1/nothing-here', 404],
  ];
  for (const [path, status] of queries) {
    const response = await owner.get(path);
    t.equal(response.status, status, path);
    t.ok(isErrorBody(response.body), `${path}: {error, message}`);
  }
  const graphql = await owner.post('/graphql', { query: '{ people { id ' });
  t.equal(graphql.status, 400, 'a GraphQL syntax error is a 400');
  t.equal((await owner.get('/api/v1/health')).status, 200, 'the hub is still answering');
});

t.test('random bodies and query strings never crash a route', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const writes = ['/api/v1/people', '/api/v1/users', '/api/v1/tokens', '/api/v1/devices/pairing', '/api/v1/auth/login', '/api/v1/onboarding', '/api/v1/ingest/dev-1'];
  const patches = ['/api/v1/settings', '/api/v1/devices/loose-thermo'];
  let checked = 0;
  await assertProperty(
    t,
    fc.asyncProperty(fc.constantFrom(...writes, ...patches), fc.jsonValue({ maxDepth: 3 }), async (path, body) => {
      const method = patches.includes(path) ? 'PATCH' : 'POST';
      const response = await owner.request(method, path, body);
      checked += 1;
      return response.status < 500 && (response.status < 400 || isErrorBody(response.body));
    }),
    { numRuns: 150 },
  );
  await assertProperty(
    t,
    fc.asyncProperty(fc.dictionary(fc.constantFrom('personId', 'metric', 'from', 'to', 'maxPoints', 'format', 'x'), fc.string({ maxLength: 20 })), async (query) => {
      const qs = new URLSearchParams(query).toString();
      const series = await owner.get(`/api/v1/series?${qs}`);
      const exported = await owner.get(`/api/v1/export?${qs}`);
      checked += 2;
      return series.status < 500 && exported.status < 500;
    }),
    { numRuns: 100 },
  );
  t.ok(checked >= 350, `${checked} requests, none answered 5xx`);
});

t.test('garbage on the live socket is answered, never fatal', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const socket = new LiveClient(wsUrl(api.base, '/api/v1/live'), { cookie: owner.cookie ?? '' });
  t.teardown(() => socket.close());
  await socket.opened;
  await socket.next((m) => m['type'] === 'ready');
  socket.socket.send('not json at all');
  socket.send([1, 2, 3]);
  socket.send({ type: 'subscribe', personIds: 'everyone' });
  socket.send({ type: 'subscribe', metrics: ['heart_rate', 'made_up'] });
  socket.send({ type: 'launch' });
  await socket.next(() => socket.messages.filter((m) => m['type'] === 'error').length >= 5);
  t.same(
    socket.messages.filter((m) => m['type'] === 'error').map((m) => m['error']),
    ['invalid_message', 'invalid_message', 'invalid_message', 'unknown_metric', 'unknown_type'],
  );
  socket.send({ type: 'ping' });
  t.ok(await socket.next((m) => m['type'] === 'pong'), 'the socket still works');
  const big = new LiveClient(wsUrl(api.base, '/api/v1/live'), { cookie: owner.cookie ?? '' });
  await big.opened;
  big.socket.send('x'.repeat(200 * 1024));
  t.equal((await big.closed).code, 1009, 'an oversized message closes the socket with "message too big"');
});

t.test('an anonymous live socket is closed if it never authenticates', async (t) => {
  const api = await startApiHub({ part: { liveLimits: { authTimeoutMs: 200 } } });
  t.teardown(() => api.stop());
  await onboardOwner(api.base);
  const socket = new LiveClient(wsUrl(api.base, '/api/v1/live'));
  await socket.opened;
  t.equal((await socket.closed).code, 4401);
});
