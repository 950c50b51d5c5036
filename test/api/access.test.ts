import t, { type Test } from 'tap';
import { ApiClient, addUser, onboardOwner, seedReadings, startApiHub, type ApiHub } from './api-harness.js';
import { LiveClient, wsUrl } from './live-client.js';

const T0 = Date.now() - 3_600_000;
const RANGE = `from=${T0 - 60_000}&to=${T0 + 3_600_000}`;

interface Household {
  api: ApiHub;
  owner: ApiClient;
  alex: ApiClient;
  sam: ApiClient;
  carer: ApiClient;
  viewer: ApiClient;
}

async function household(t: Test): Promise<Household> {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const alex = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  const sam = await addUser(owner, { username: 'sam', role: 'member', personId: 'sam' });
  const carer = await addUser(owner, { username: 'carer', role: 'caregiver', grants: ['gran'] });
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: ['alex'] });
  await seedReadings(api.hub, 'strap-alex', [{ metric: 'heart_rate', value: 61, ts: T0 }]);
  await seedReadings(api.hub, 'strap-sam', [{ metric: 'heart_rate', value: 72, ts: T0 }]);
  await seedReadings(api.hub, 'oximeter-gran', [{ metric: 'spo2', value: 95, ts: T0 }]);
  return { api, owner, alex, sam, carer, viewer };
}

async function graphql(client: ApiClient, query: string): Promise<{ status: number; data: Record<string, unknown> | null; errors: { message: string; extensions?: { code?: string } }[] }> {
  const response = await client.post('/graphql', { query });
  const body = response.body as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
  return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
}

const ids = (body: unknown): string[] => (body as { id: string }[]).map((x) => x.id).sort();

t.test('every API route refuses a request without credentials', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  await onboardOwner(api.base);
  const open = new Set(['GET /api/v1/health', 'GET /api/v1/onboarding', 'POST /api/v1/onboarding', 'POST /api/v1/auth/login']);
  const routes = api.hub.routes.filter((r) => (r.url.startsWith('/api/') || r.url.startsWith('/graphql')) && r.method !== 'HEAD');
  t.ok(routes.length >= 25, `${routes.length} routes checked`);
  const anonymous = new ApiClient(api.base);
  for (const route of routes) {
    if (open.has(`${route.method} ${route.url}`)) continue;
    const path = route.url.replace(/:[A-Za-z]+/g, 'x');
    const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
    const response = await anonymous.request(route.method, path, body);
    t.equal(response.status, 401, `${route.method} ${route.url}`);
    t.equal((response.body as { error?: string } | undefined)?.error, 'unauthenticated', `${route.method} ${route.url} says why`);
  }
  const forged = new ApiClient(api.base);
  forged.cookie = 'hearth_session=made-up';
  t.equal((await forged.get('/api/v1/people')).status, 401, 'an unknown session cookie is refused');
  forged.cookie = undefined;
  forged.token = 'hth_made-up';
  t.equal((await forged.get('/api/v1/people')).status, 401, 'an unknown token is refused');
});

t.test('REST: each role sees exactly the people it may', async (t) => {
  const { owner, alex, sam, carer, viewer } = await household(t);
  const ownerPerson = ((await owner.get('/api/v1/me')).body as { user: { personId: string } }).user.personId;
  t.same(ids((await owner.get('/api/v1/people')).body), ['alex', 'gran', 'sam', ownerPerson].sort());
  t.same(ids((await sam.get('/api/v1/people')).body), ['sam']);
  t.same(ids((await carer.get('/api/v1/people')).body), ['gran']);
  t.same(ids((await viewer.get('/api/v1/people')).body), ['alex']);
  const samSelf = (await sam.get('/api/v1/people/sam')).body as { latest: { heart_rate: { value: number } } };
  t.equal(samSelf.latest.heart_rate.value, 72);

  for (const path of [
    '/api/v1/people/alex',
    `/api/v1/series?personId=alex&metric=heart_rate&${RANGE}`,
    `/api/v1/waveforms?personId=alex&metric=ecg&from=${T0}&to=${T0 + 60_000}`,
    `/api/v1/export?personId=alex&${RANGE}&format=csv`,
    `/api/v1/export?personId=alex&${RANGE}&format=fhir`,
    `/api/v1/sleep?personId=alex&${RANGE}`,
  ]) {
    const response = await sam.get(path);
    t.equal(response.status, 404, `sam cannot read ${path.split('?')[0] ?? ''} of alex`);
    t.notMatch(response.text, /61/, 'and nothing of alex leaks in the refusal');
  }
  const own = await sam.get(`/api/v1/series?personId=sam&metric=heart_rate&${RANGE}`);
  t.equal(own.status, 200);
  t.same((own.body as { points: { value: number }[] }).points.map((p) => p.value), [72]);
  const carerSeries = await carer.get(`/api/v1/series?personId=gran&metric=spo2&${RANGE}`);
  t.same((carerSeries.body as { points: { value: number }[] }).points.map((p) => p.value), [95], 'a caregiver reads the granted person');
  t.equal((await carer.get(`/api/v1/series?personId=sam&metric=heart_rate&${RANGE}`)).status, 404);
  t.equal((await alex.get(`/api/v1/export?personId=alex&${RANGE}`)).status, 200);
});

t.test('REST: devices follow their people; only owners and the device owner change them', async (t) => {
  const { owner, sam, carer, viewer } = await household(t);
  t.same(ids((await sam.get('/api/v1/devices')).body), ['loose-thermo', 'strap-sam'], 'own devices and unassigned ones to claim');
  t.same(ids((await carer.get('/api/v1/devices')).body), ['oximeter-gran']);
  t.equal((await sam.request('PATCH', '/api/v1/devices/strap-alex', { name: 'mine now' })).status, 404, "another member's device is invisible");
  t.equal((await sam.request('PATCH', '/api/v1/devices/strap-sam', { personId: 'alex' })).status, 403, 'a member cannot give a device to someone else');
  t.equal((await sam.request('DELETE', '/api/v1/devices/strap-alex')).status, 404);
  t.equal((await carer.request('PATCH', '/api/v1/devices/oximeter-gran', { name: 'x' })).status, 403, 'caregivers only read');
  t.equal((await viewer.post('/api/v1/devices/pairing', { seconds: 60 })).status, 403);
  const claimed = await sam.request('PATCH', '/api/v1/devices/loose-thermo', { personId: 'sam', name: 'Thermometer' });
  t.equal(claimed.status, 200);
  t.match(claimed.body, { id: 'loose-thermo', personId: 'sam', name: 'Thermometer' });
  t.equal((await owner.request('PATCH', '/api/v1/devices/strap-alex', { personId: 'gran' })).status, 200, 'the owner reassigns anything');
  for (const client of [sam, carer, viewer]) {
    t.equal((await client.get('/api/v1/users')).status, 403);
    t.equal((await client.post('/api/v1/tokens', { name: 'x', scopes: ['read'] })).status, 403);
    t.equal((await client.request('PATCH', '/api/v1/settings', { units: 'imperial' })).status, 403);
    t.equal((await client.post('/api/v1/people', { name: 'Someone' })).status, 403);
  }
});

t.test('tokens reach no further than their scopes and people', async (t) => {
  const { api, owner } = await household(t);
  const created = (await owner.post('/api/v1/tokens', { name: 'alex only', scopes: ['read'], personIds: ['alex'] })).body as { token: string };
  const integration = new ApiClient(api.base);
  integration.token = created.token;
  t.same(ids((await integration.get('/api/v1/people')).body), ['alex']);
  t.equal((await integration.get(`/api/v1/series?personId=sam&metric=heart_rate&${RANGE}`)).status, 404);
  t.equal((await integration.get(`/api/v1/sleep?personId=sam&${RANGE}`)).status, 404, "nor sam's nights");
  t.equal((await integration.request('PATCH', '/api/v1/devices/strap-alex', { name: 'x' })).status, 403, 'read scope cannot write');
  t.equal((await integration.get('/api/v1/users')).status, 403, 'no admin scope');
});

t.test('a token without the read scope gets nothing of anyone’s health data', async (t) => {
  const { api, owner } = await household(t);
  const reads = [
    '/api/v1/people',
    '/api/v1/people/alex',
    `/api/v1/series?personId=alex&metric=heart_rate&${RANGE}`,
    `/api/v1/sleep?personId=alex&${RANGE}`,
    `/api/v1/export?personId=alex&${RANGE}&format=csv`,
    '/api/v1/people/alex/logbook',
    '/api/v1/devices/strap-alex',
    '/api/v1/devices/strap-alex/events',
  ];
  for (const scopes of [['write'], ['ingest'], ['admin']]) {
    const made = (await owner.post('/api/v1/tokens', { name: `only ${scopes.join(' ')}`, scopes })).body as { token: string };
    const client = new ApiClient(api.base);
    client.token = made.token;
    for (const path of reads) {
      const response = await client.get(path);
      // Refused, or a list of no one: the read scope is what opens any person to a token.
      const nothing = response.status === 403 || response.status === 404 || (response.status === 200 && Array.isArray(response.body) && response.body.length === 0);
      t.ok(nothing, `a ${scopes.join('+')} token gets nothing from ${path.split('?')[0] ?? ''} (${response.status}: ${response.text.slice(0, 120)})`);
      t.notMatch(response.text, /Alex|61|strap/, 'and nothing of alex is in the answer');
    }
  }
});

t.test('GraphQL applies the same rules', async (t) => {
  const { owner, sam } = await household(t);
  const people = await graphql(sam, '{ people { id latest { metric value } } }');
  t.same((people.data?.['people'] as { id: string }[]).map((p) => p.id), ['sam']);
  const other = await graphql(sam, '{ person(id: "alex") { id name } }');
  t.equal(other.data?.['person'], null);
  const series = await graphql(sam, `{ series(personId: "alex", metric: "heart_rate", from: ${T0 - 1000}, to: ${T0 + 1000}) { points { value } } }`);
  t.equal(series.data, null);
  t.equal(series.errors[0]?.extensions?.code, 'person_not_found');
  const own = await graphql(sam, `{ series(personId: "sam", metric: "heart_rate", from: ${T0 - 1000}, to: ${T0 + 1000}) { points { value } } }`);
  t.same(own.data, { series: { points: [{ value: 72 }] } });
  const devices = await graphql(sam, '{ devices { id } }');
  t.same((devices.data?.['devices'] as { id: string }[]).map((d) => d.id).sort(), ['loose-thermo', 'strap-sam']);
  const steal = await graphql(sam, 'mutation { assignDevice(deviceId: "strap-alex", personId: "sam") { id personId } }');
  t.equal(steal.errors[0]?.extensions?.code, 'device_not_found');
  const rename = await graphql(owner, 'mutation { renameDevice(deviceId: "strap-alex", name: "Chest strap") { id name } }');
  t.same(rename.data, { renameDevice: { id: 'strap-alex', name: 'Chest strap' } });
  const me = await graphql(sam, '{ me { username role personId } }');
  t.same(me.data, { me: { username: 'sam', role: 'member', personId: 'sam' } });
  const ack = await graphql(owner, 'mutation { acknowledgeAlert(id: "a1") }');
  t.equal(ack.errors[0]?.extensions?.code, 'alerts_unavailable');
  sam.csrf = undefined;
  t.equal((await sam.post('/graphql', { query: '{ me { username } }' })).status, 403, 'GraphQL over POST with a cookie needs the CSRF token');
});

t.test('live socket: a member receives only their own readings and cannot subscribe to others', async (t) => {
  const { api, sam } = await household(t);
  const socket = new LiveClient(wsUrl(api.base, '/api/v1/live'), { cookie: sam.cookie ?? '' });
  t.teardown(() => socket.close());
  await socket.opened;
  await socket.next((m) => m['type'] === 'ready');
  socket.send({ type: 'subscribe', personIds: ['alex'] });
  const refused = await socket.next((m) => m['type'] === 'error');
  t.equal(refused['error'], 'forbidden');
  socket.send({ type: 'subscribe' });
  const subscribed = await socket.next((m) => m['type'] === 'subscribed');
  t.same(subscribed['personIds'], ['sam']);
  const now = Date.now();
  api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'heart_rate', value: 99, ts: now }] });
  api.hub.context.ingest.submit({ deviceId: 'loose-thermo', readings: [{ metric: 'body_temperature', value: 38.5, ts: now }] });
  api.hub.context.ingest.submit({ deviceId: 'strap-sam', readings: [{ metric: 'heart_rate', value: 77, ts: now }] });
  const reading = await socket.next((m) => m['type'] === 'reading');
  t.match(reading, { type: 'reading', reading: { personId: 'sam', value: 77 } });
  t.notOk(socket.messages.some((m) => m['type'] === 'reading' && (m['reading'] as { personId?: string }).personId !== 'sam'), 'nothing of alex or unassigned devices');
  const messageIds = socket.messages.map((m) => m['id'] as number);
  t.same(messageIds, [...messageIds].sort((a, b) => a - b), 'ids increase');
});

t.test('live socket: a token in the first message authenticates; anything else is closed', async (t) => {
  const { api, owner } = await household(t);
  const anonymous = new LiveClient(wsUrl(api.base, '/api/v1/live'));
  await anonymous.opened;
  anonymous.send({ type: 'subscribe' });
  t.equal((await anonymous.next((m) => m['type'] === 'error'))['error'], 'unauthenticated');
  anonymous.send({ type: 'auth', token: 'hth_wrong' });
  t.equal((await anonymous.closed).code, 4401);

  const cookieFromElsewhere = new LiveClient(wsUrl(api.base, '/api/v1/live'), { cookie: owner.cookie ?? '', origin: 'http://evil.example' });
  await cookieFromElsewhere.opened;
  cookieFromElsewhere.send({ type: 'subscribe' });
  t.equal((await cookieFromElsewhere.next((m) => m['type'] === 'error'))['error'], 'unauthenticated', 'a cookie sent from another origin does not authenticate');
  cookieFromElsewhere.close();

  const { token } = (await owner.post('/api/v1/tokens', { name: 'wall display', scopes: ['read'], personIds: ['gran'] })).body as { token: string };
  const display = new LiveClient(wsUrl(api.base, '/api/v1/live'));
  t.teardown(() => display.close());
  await display.opened;
  display.send({ type: 'auth', token });
  await display.next((m) => m['type'] === 'ready');
  display.send({ type: 'subscribe', metrics: ['spo2'] });
  t.same((await display.next((m) => m['type'] === 'subscribed'))['personIds'], ['gran']);
  api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'spo2', value: 97, ts: Date.now() }] });
  api.hub.context.ingest.submit({ deviceId: 'oximeter-gran', readings: [{ metric: 'heart_rate', value: 80, ts: Date.now() }, { metric: 'spo2', value: 94, ts: Date.now() }] });
  t.match(await display.next((m) => m['type'] === 'reading'), { reading: { personId: 'gran', metric: 'spo2', value: 94 } });
  t.equal(display.messages.filter((m) => m['type'] === 'reading').length, 1);
});

t.test('GraphQL subscription: only readings the subscriber may see', async (t) => {
  const { api, sam } = await household(t);
  const socket = new LiveClient(wsUrl(api.base, '/graphql'), { cookie: sam.cookie ?? '', protocol: 'graphql-transport-ws' });
  t.teardown(() => socket.close());
  await socket.opened;
  socket.send({ type: 'connection_init', payload: {} });
  await socket.next((m) => m['type'] === 'connection_ack');
  socket.send({ id: 'forbidden', type: 'subscribe', payload: { query: 'subscription { readings(personIds: ["alex"]) { value } }' } });
  const refused = await socket.next((m) => m['id'] === 'forbidden' && m['type'] === 'error');
  t.match(JSON.stringify(refused), /may not see/);
  socket.send({ id: 'mine', type: 'subscribe', payload: { query: 'subscription { readings { personId metric value } }' } });
  await new Promise((r) => setTimeout(r, 200));
  api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'heart_rate', value: 99, ts: Date.now() }] });
  api.hub.context.ingest.submit({ deviceId: 'strap-sam', readings: [{ metric: 'heart_rate', value: 78, ts: Date.now() }] });
  const next = await socket.next((m) => m['id'] === 'mine' && m['type'] === 'next');
  t.same(next['payload'], { data: { readings: { personId: 'sam', metric: 'heart_rate', value: 78 } } });
  t.equal(socket.messages.filter((m) => m['type'] === 'next').length, 1, "alex's reading never arrived");
});

t.test('a member belongs to a person the owner chose or asked for, never to one made unasked', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const people = (): string[] => api.hub.context.registry.listPeople().map((p) => p.id).sort();
  const before = people();
  const unchosen = await owner.post('/api/v1/users', { username: 'kim', password: 'kim-password-long', displayName: 'Kim', role: 'member' });
  t.equal(unchosen.status, 400, 'a member without a person is refused');
  t.equal((unchosen.body as { error: string }).error, 'person_required');
  t.same(people(), before, 'and no person was made');

  const both = await owner.post('/api/v1/users', { username: 'kim', password: 'kim-password-long', displayName: 'Kim', role: 'member', personId: 'gran', newPerson: true });
  t.equal(both.status, 400, 'a person and a new person at once is refused');

  const asked = await owner.post('/api/v1/users', { username: 'kim', password: 'kim-password-long', displayName: 'Kim', role: 'member', newPerson: true });
  t.equal(asked.status, 201, 'asked for, a new person is made');
  const personId = (asked.body as { personId: string }).personId;
  t.equal(api.hub.context.registry.listPeople().find((p) => p.id === personId)?.name, 'Kim', 'named after the member');
  t.same(people(), [...before, personId].sort(), 'one person more');
});
