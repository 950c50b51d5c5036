import t, { type Test } from 'tap';
import { ManualClock } from '../../core/clock.js';
import { ApiClient, addUser, onboardOwner, startApiHub, type ApiHub } from './api-harness.js';
import { LiveClient, wsUrl } from './live-client.js';

/**
 * A stream lives only as long as its credential: a revoked token, a logout and a removed account
 * each close the live socket and the GraphQL socket at once. The periodic check is set to an hour
 * here, so what closes them is the revocation itself.
 */
const AN_HOUR = 3_600_000;
/** The promise: a revoked credential's streams are closed within this. */
const CLOSED_WITHIN_MS = 5000;

interface Credential {
  readonly cookie?: string;
  readonly token?: string;
}

interface Stream {
  readonly socket: LiveClient;
  /** The message type that carries a reading. */
  readonly readingType: string;
  readonly closeCode: number;
}

async function graphqlStream(api: ApiHub, credential: Credential): Promise<Stream> {
  const socket = new LiveClient(wsUrl(api.base, '/graphql'), { ...(credential.cookie !== undefined ? { cookie: credential.cookie } : {}), protocol: 'graphql-transport-ws' });
  await socket.opened;
  socket.send({ type: 'connection_init', payload: credential.token !== undefined ? { token: credential.token } : {} });
  await socket.next((m) => m['type'] === 'connection_ack');
  socket.send({ id: 'readings', type: 'subscribe', payload: { query: 'subscription { readings { personId metric value } }' } });
  return { socket, readingType: 'next', closeCode: 4403 };
}

async function liveStream(api: ApiHub, credential: Credential): Promise<Stream> {
  const socket = new LiveClient(wsUrl(api.base, '/api/v1/live'), credential.cookie !== undefined ? { cookie: credential.cookie } : {});
  await socket.opened;
  if (credential.token !== undefined) socket.send({ type: 'auth', token: credential.token });
  await socket.next((m) => m['type'] === 'ready');
  socket.send({ type: 'subscribe' });
  await socket.next((m) => m['type'] === 'subscribed');
  return { socket, readingType: 'reading', closeCode: 4401 };
}

const TRANSPORTS = [
  ['GraphQL subscription', graphqlStream],
  ['live socket', liveStream],
] as const;

let nextValue = 60;

/** Feeds alex's strap until the stream has delivered a reading: it is flowing. */
async function flowing(t: Test, api: ApiHub, stream: Stream): Promise<void> {
  const deadline = Date.now() + CLOSED_WITHIN_MS;
  const before = stream.socket.messages.filter((m) => m['type'] === stream.readingType).length;
  while (stream.socket.messages.filter((m) => m['type'] === stream.readingType).length === before) {
    if (Date.now() > deadline) throw new Error(`the stream delivered nothing: ${JSON.stringify(stream.socket.messages).slice(0, 300)}`);
    api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'heart_rate', value: nextValue++, ts: Date.now() }] });
    await new Promise((r) => setTimeout(r, 50));
  }
  t.pass('the stream delivers readings');
}

/** Waits for the close, failing when the stream is still open after `CLOSED_WITHIN_MS`. */
async function closedSoon(stream: Stream): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still open ${CLOSED_WITHIN_MS} ms after the credential ended`)), CLOSED_WITHIN_MS);
  });
  try {
    return (await Promise.race([stream.socket.closed, late])).code;
  } finally {
    clearTimeout(timer);
  }
}

async function household(t: Test, clock?: ManualClock, pingIntervalMs = AN_HOUR): Promise<{ api: ApiHub; owner: ApiClient; alex: ApiClient }> {
  const api = await startApiHub({ ...(clock !== undefined ? { clock } : {}), part: { liveLimits: { pingIntervalMs } } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  return { api, owner, alex };
}

for (const [transport, open] of TRANSPORTS) {
  t.test(`${transport}: revoking its API token closes it`, async (t) => {
    const { api, owner } = await household(t);
    const created = (await owner.post('/api/v1/tokens', { name: 'wall display', scopes: ['read'] })).body as { id: string; token: string };
    const stream = await open(api, { token: created.token });
    t.teardown(() => stream.socket.close());
    await flowing(t, api, stream);
    t.equal((await owner.request('DELETE', `/api/v1/tokens/${created.id}`)).status, 200);
    t.equal(await closedSoon(stream), stream.closeCode, 'closed, saying the credential is gone');
  });

  t.test(`${transport}: logging out closes the streams of that session and no other`, async (t) => {
    const { api, owner, alex } = await household(t);
    const alexStream = await open(api, { cookie: alex.cookie ?? '' });
    const ownerStream = await open(api, { cookie: owner.cookie ?? '' });
    t.teardown(() => alexStream.socket.close());
    t.teardown(() => ownerStream.socket.close());
    await flowing(t, api, alexStream);
    await flowing(t, api, ownerStream);
    t.equal((await alex.post('/api/v1/auth/logout')).status, 200);
    t.equal(await closedSoon(alexStream), alexStream.closeCode);
    await flowing(t, api, ownerStream);
    t.pass("the owner's stream still flows");
  });

  t.test(`${transport}: removing the account closes its streams, whatever their credential`, async (t) => {
    const { api, owner, alex } = await household(t);
    const me = (await alex.get('/api/v1/me')).body as { user: { id: string } };
    const bySession = await open(api, { cookie: alex.cookie ?? '' });
    t.teardown(() => bySession.socket.close());
    await flowing(t, api, bySession);
    t.equal((await owner.request('DELETE', `/api/v1/users/${me.user.id}`)).status, 200);
    t.equal(await closedSoon(bySession), bySession.closeCode, "the member's session stream");

    // Only owners make tokens: a second owner's token stream, then that owner removed.
    const second = await addUser(owner, { username: 'robin', role: 'owner' });
    const robin = (await second.get('/api/v1/me')).body as { user: { id: string }; csrfToken: string };
    const created = (await second.post('/api/v1/tokens', { name: 'tablet', scopes: ['read'] })).body as { token: string };
    const byToken = await open(api, { token: created.token });
    t.teardown(() => byToken.socket.close());
    await flowing(t, api, byToken);
    t.equal((await owner.request('DELETE', `/api/v1/users/${robin.user.id}`)).status, 200);
    t.equal(await closedSoon(byToken), byToken.closeCode, "the removed owner's token stream");
  });

  t.test(`${transport}: a caregiver whose grant is withdrawn stops receiving that person at once`, async (t) => {
    const { api, owner } = await household(t);
    const carer = await addUser(owner, { username: 'carer', role: 'caregiver', grants: ['alex', 'sam'] });
    const me = (await carer.get('/api/v1/me')).body as { user: { id: string } };
    const stream = await open(api, { cookie: carer.cookie ?? '' });
    t.teardown(() => stream.socket.close());
    await flowing(t, api, stream);
    t.equal((await owner.request('PUT', `/api/v1/users/${me.user.id}/grants`, { grants: ['sam'] })).status, 200);
    api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'heart_rate', value: 111, ts: Date.now() }] });
    api.hub.context.ingest.submit({ deviceId: 'strap-sam', readings: [{ metric: 'heart_rate', value: 77, ts: Date.now() }] });
    // Readings arrive in the order they were accepted: once Sam's is here, Alex's would have been too.
    await stream.socket.next((m) => JSON.stringify(m).includes('"value":77'));
    t.notOk(
      stream.socket.messages.some((m) => JSON.stringify(m).includes('"value":111')),
      "alex's reading after the grant was withdrawn never arrived",
    );
  });

  t.test(`${transport}: a session that expires while the socket is open ends it at the next check`, async (t) => {
    const clock = new ManualClock(Date.now());
    const { api, alex } = await household(t, clock, 100);
    const stream = await open(api, { cookie: alex.cookie ?? '' });
    t.teardown(() => stream.socket.close());
    await flowing(t, api, stream);
    clock.advance(13 * AN_HOUR);
    t.equal(await closedSoon(stream), stream.closeCode, 'past its absolute lifetime, the session ends the stream');
  });
}
