import t, { type Test } from 'tap';
import WebSocket from 'ws';
import { onboardOwner, startApiHub, type ApiHub } from './api-harness.js';
import { LiveClient, wsUrl } from './live-client.js';

/**
 * `/graphql` over WebSocket as a graphql-ws client speaks it (graphql-transport-ws, driven by hand
 * with the `ws` package), and the legacy graphql-ws protocol beside it.
 */
async function hubWithToken(t: Test, initTimeoutMs = 10_000): Promise<{ api: ApiHub; token: string; cookie: string }> {
  const api = await startApiHub({ part: { liveLimits: { authTimeoutMs: initTimeoutMs } } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const { token } = (await owner.post('/api/v1/tokens', { name: 'client', scopes: ['read'] })).body as { token: string };
  return { api, token, cookie: owner.cookie ?? '' };
}

function client(t: Test, api: ApiHub, protocol = 'graphql-transport-ws', cookie?: string): LiveClient {
  const socket = new LiveClient(wsUrl(api.base, '/graphql'), { protocol, ...(cookie !== undefined ? { cookie } : {}) });
  t.teardown(() => socket.close());
  return socket;
}

const READINGS = 'subscription { readings { personId metric value } }';

/** Feeds alex's strap until a `type` message for `id` arrives (the subscription starts asynchronously). */
async function feedUntil(api: ApiHub, socket: LiveClient, type: string, id: string): Promise<Record<string, unknown>> {
  for (let value = 60; value < 200; value++) {
    const found = socket.messages.find((m) => m['type'] === type && m['id'] === id);
    if (found !== undefined) return found;
    api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'heart_rate', value, ts: Date.now() }] });
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${type} for ${id}: ${JSON.stringify(socket.messages).slice(0, 300)}`);
}

t.test('graphql-transport-ws: a bad or missing credential closes with 4403 and sends nothing', async (t) => {
  const { api } = await hubWithToken(t);
  const badToken = client(t, api);
  await badToken.opened;
  badToken.send({ type: 'connection_init', payload: { token: 'hth_not-a-token' } });
  t.equal((await badToken.closed).code, 4403, 'Forbidden');
  t.same(badToken.messages, [], 'no connection_error frame: that is the legacy protocol');

  const badHeader = client(t, api);
  await badHeader.opened;
  badHeader.send({ type: 'connection_init', payload: { authorization: 'Bearer hth_wrong' } });
  t.equal((await badHeader.closed).code, 4403);

  const nobody = client(t, api);
  await nobody.opened;
  nobody.send({ type: 'connection_init' });
  t.equal((await nobody.closed).code, 4403, 'no cookie and no token: forbidden too');
  t.same(nobody.messages, []);
});

t.test('graphql-transport-ws: a token in connection_init subscribes; complete stops the subscription', async (t) => {
  const { api, token } = await hubWithToken(t);
  const socket = client(t, api);
  await socket.opened;
  socket.send({ type: 'connection_init', payload: { token } });
  t.same(await socket.next((m) => m['type'] === 'connection_ack'), { type: 'connection_ack' });
  socket.send({ type: 'ping' });
  await socket.next((m) => m['type'] === 'pong');
  socket.send({ id: '1', type: 'subscribe', payload: { query: READINGS } });
  const next = await feedUntil(api, socket, 'next', '1');
  t.match(next, { id: '1', type: 'next', payload: { data: { readings: { personId: 'alex', metric: 'heart_rate' } } } });
  socket.send({ id: '1', type: 'complete' });
  // A second subscription with a later id shows when the first's completion has been handled.
  socket.send({ id: '2', type: 'subscribe', payload: { query: READINGS } });
  await feedUntil(api, socket, 'next', '2');
  const firstCount = socket.messages.filter((m) => m['id'] === '1' && m['type'] === 'next').length;
  api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'heart_rate', value: 99, ts: Date.now() }] });
  await socket.next((m) => m['id'] === '2' && JSON.stringify(m).includes('"value":99'));
  t.equal(socket.messages.filter((m) => m['id'] === '1' && m['type'] === 'next').length, firstCount, 'nothing more for the completed subscription');
});

t.test('graphql-transport-ws: the protocol’s close codes', async (t) => {
  const { api, token } = await hubWithToken(t, 1000);
  const early = client(t, api);
  await early.opened;
  early.send({ id: '1', type: 'subscribe', payload: { query: READINGS } });
  t.equal((await early.closed).code, 4401, 'subscribe before connection_ack: Unauthorized');

  const twice = client(t, api);
  await twice.opened;
  twice.send({ type: 'connection_init', payload: { token } });
  await twice.next((m) => m['type'] === 'connection_ack');
  twice.send({ type: 'connection_init', payload: { token } });
  t.equal((await twice.closed).code, 4429, 'Too many initialisation requests');

  const duplicate = client(t, api);
  await duplicate.opened;
  duplicate.send({ type: 'connection_init', payload: { token } });
  await duplicate.next((m) => m['type'] === 'connection_ack');
  duplicate.send({ id: 'same', type: 'subscribe', payload: { query: READINGS } });
  duplicate.send({ id: 'same', type: 'subscribe', payload: { query: READINGS } });
  t.equal((await duplicate.closed).code, 4409, 'Subscriber already exists');

  const garbled = client(t, api);
  await garbled.opened;
  garbled.socket.send('not json');
  t.equal((await garbled.closed).code, 4400, 'Invalid message');

  const silent = client(t, api);
  await silent.opened;
  t.equal((await silent.closed).code, 4408, 'no connection_init in time: Connection initialisation timeout');

  const wrongProtocol = client(t, api, 'mqtt');
  t.equal((await wrongProtocol.closed).code, 1002, 'an unknown subprotocol is a protocol error');
});

t.test('graphql-transport-ws: the limits hold over the socket, and only subscriptions travel on it', async (t) => {
  const { api, token } = await hubWithToken(t);
  const socket = client(t, api);
  await socket.opened;
  socket.send({ type: 'connection_init', payload: { token } });
  await socket.next((m) => m['type'] === 'connection_ack');
  const aliases = Array.from({ length: 16 }, (_, i) => `v${i}: value`).join(' ');
  socket.send({ id: 'aliases', type: 'subscribe', payload: { query: `subscription { readings { ${aliases} } }` } });
  t.match(await socket.next((m) => m['id'] === 'aliases'), { type: 'error', payload: [{ message: 'Aliases limit of 15 exceeded, found 16.', extensions: { code: 'too_many_aliases' } }] });
  const long = Array.from({ length: 1200 }, () => 'value').join(' ');
  socket.send({ id: 'tokens', type: 'subscribe', payload: { query: `subscription { readings { ${long} } }` } });
  t.match(await socket.next((m) => m['id'] === 'tokens'), { type: 'error', payload: [{ extensions: { code: 'too_many_tokens' } }] });
  socket.send({ id: 'query', type: 'subscribe', payload: { query: '{ people { id } }' } });
  t.match(await socket.next((m) => m['id'] === 'query'), { type: 'error', payload: [{ message: /only subscriptions/ }] });
  socket.send({ id: 'ok', type: 'subscribe', payload: { query: READINGS } });
  await feedUntil(api, socket, 'next', 'ok');
  t.pass('the socket stays open after refused operations');
});

t.test("graphql-transport-ws: the probe's 7,000 aliases in one message close the socket as too big, and the hub goes on", async (t) => {
  const { api, token } = await hubWithToken(t);
  const socket = client(t, api);
  await socket.opened;
  socket.send({ type: 'connection_init', payload: { token } });
  await socket.next((m) => m['type'] === 'connection_ack');
  const aliases = Array.from({ length: 7000 }, (_, i) => `a${i}: value`).join(' ');
  socket.send({ id: 'flood', type: 'subscribe', payload: { query: `subscription { readings { ${aliases} } }`.padEnd(901 * 1024, ' ') } });
  t.equal((await socket.closed).code, 1009, 'Message Too Big: the socket reads at most 64 KiB a message');
  const again = client(t, api);
  await again.opened;
  again.send({ type: 'connection_init', payload: { token } });
  await again.next((m) => m['type'] === 'connection_ack');
  again.send({ id: 'ok', type: 'subscribe', payload: { query: READINGS } });
  await feedUntil(api, again, 'next', 'ok');
  t.pass('a new socket subscribes as before');
});

t.test('graphql-transport-ws: a bad bearer header is refused at the handshake, before any socket exists', async (t) => {
  const { api } = await hubWithToken(t);
  const refused = await new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(wsUrl(api.base, '/graphql'), 'graphql-transport-ws', { headers: { authorization: 'Bearer hth_wrong' } });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => reject(new Error('the socket opened')));
    // Terminating a handshake that never completed reports an error of its own.
    socket.on('error', () => undefined);
  });
  t.equal(refused, 401);
});

t.test('the legacy graphql-ws protocol still works, and refuses the way it always did', async (t) => {
  const { api, token, cookie } = await hubWithToken(t);
  const legacy = client(t, api, 'graphql-ws', cookie);
  await legacy.opened;
  legacy.send({ type: 'connection_init', payload: {} });
  await legacy.next((m) => m['type'] === 'connection_ack');
  legacy.send({ id: '1', type: 'start', payload: { query: READINGS } });
  t.match(await feedUntil(api, legacy, 'data', '1'), { payload: { data: { readings: { personId: 'alex' } } } });
  legacy.send({ id: '1', type: 'stop' });
  await legacy.next((m) => m['id'] === '1' && m['type'] === 'complete');

  const refused = client(t, api, 'graphql-ws');
  await refused.opened;
  refused.send({ type: 'connection_init', payload: { token: `${token}x` } });
  t.match(await refused.next((m) => m['type'] === 'connection_error'), { payload: { message: 'Forbidden' } });
  t.equal((await refused.closed).code, 4403);
});
