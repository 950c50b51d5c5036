import t from 'tap';
import { Value } from 'typebox/value';
import { SetupProgress } from '../../hub/api/contract/setup.js';
import { ApiClient, OWNER, addUser, onboardOwner, startApiHub } from './api-harness.js';

t.test('the first-run setup is kept on the hub: begun on the dashboard, taken up again after a restart, finished', async (t) => {
  let api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);

  const fresh = await owner.get('/api/v1/setup');
  t.equal(fresh.status, 200);
  t.same(fresh.body, { state: 'not_started' }, 'an owner made over the API has not begun it (only the dashboard’s first run does)');

  const begun = await owner.request('PUT', '/api/v1/setup', { step: 'people', done: false });
  t.equal(begun.status, 200);
  t.match(begun.body, { state: 'in_progress', step: 'people' }, 'the dashboard begins it at the first step');
  t.same(Value.Errors(SetupProgress, begun.body).map((e) => e.message), [], 'the answer is what the contract says');
  t.match((await owner.request('PUT', '/api/v1/setup', { step: 'units', done: false })).body, { state: 'in_progress', step: 'units' }, 'Next moves it on');
  t.equal((await owner.request('PUT', '/api/v1/setup', { step: 'sideways', done: false })).status, 400, 'a step that does not exist is refused');

  await api.stop();
  api = await startApiHub({ dataDir: api.dataDir });
  const back = new ApiClient(api.base);
  await back.post('/api/v1/auth/login', { username: OWNER.username, password: OWNER.password });
  t.match((await back.get('/api/v1/setup')).body, { state: 'in_progress', step: 'units' }, 'after a restart the owner is on the same step');

  t.match((await back.request('PUT', '/api/v1/setup', { step: 'devices', done: true })).body, { state: 'done', step: 'devices' }, 'Finish ends it');
  t.match((await back.get('/api/v1/setup')).body, { state: 'done' }, 'and it stays finished');
});

t.test('the setup and the demo household are the owner’s: missing, other and narrow credentials are refused', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const member = await addUser(owner, { username: 'alex', role: 'member', personId: 'alex' });
  const carer = await addUser(owner, { username: 'carer', role: 'caregiver', grants: ['sam'] });
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: ['alex'] });
  const token = async (scopes: string[], personIds?: string[]): Promise<ApiClient> => {
    const made = await owner.post('/api/v1/tokens', { name: `token ${scopes.join('+')}`, scopes, ...(personIds !== undefined ? { personIds } : {}) });
    const client = new ApiClient(api.base);
    client.token = (made.body as { token: string }).token;
    return client;
  };
  const routes: readonly (readonly [method: string, path: string, body?: unknown])[] = [
    ['GET', '/api/v1/setup'],
    ['PUT', '/api/v1/setup', { step: 'demo', done: false }],
    ['GET', '/api/v1/demo'],
    ['POST', '/api/v1/demo/remove'],
  ];
  const refused: readonly (readonly [who: string, client: ApiClient, status: number])[] = [
    ['nobody', new ApiClient(api.base), 401],
    ['a member', member, 403],
    ['a caregiver', carer, 403],
    ['a viewer', viewer, 403],
    ["an owner's read and write token", await token(['read', 'write']), 403],
    ["an owner's admin token limited to Alex", await token(['read', 'write', 'admin'], ['alex']), 403],
  ];
  for (const [who, client, status] of refused) {
    for (const [method, path, body] of routes) {
      const answer = await client.request(method, path, body);
      t.equal(answer.status, status, `${who}: ${method} ${path} is refused with ${status}`);
    }
  }
  const adminOnly = await token(['admin']);
  t.equal((await adminOnly.get('/api/v1/setup')).status, 200, 'an admin token of the owner reads the setup');
  t.equal((await adminOnly.get('/api/v1/demo')).status, 403, 'but not what the demo household holds without the read scope');
  t.equal((await adminOnly.post('/api/v1/demo/remove')).status, 403, 'nor removes it without the write scope');
  t.equal((await (await token(['read', 'admin'])).get('/api/v1/demo')).status, 200, 'with read and admin it may see it');
  t.same((await owner.get('/api/v1/setup')).body, { state: 'not_started' }, 'no refused request moved the setup');
  t.equal(((await owner.get('/api/v1/demo')).body as { removedAt: unknown }).removedAt, null, 'nor removed anything');
});

t.test('the household’s time zone is a setting: a zone the hub knows, or refused in words', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  t.equal(((await owner.get('/api/v1/settings')).body as { timeZone: string }).timeZone, '', 'none is chosen at first');
  const saved = await owner.request('PATCH', '/api/v1/settings', { timeZone: 'Europe/Berlin' });
  t.equal(saved.status, 200);
  t.equal((saved.body as { timeZone: string }).timeZone, 'Europe/Berlin', 'the zone is saved');
  t.equal(api.hub.context.services.timeZone.current(), 'Europe/Berlin', 'and the hub’s parts read it from now on');
  const unknown = await owner.request('PATCH', '/api/v1/settings', { timeZone: 'Mars/Olympus_Mons' });
  t.equal(unknown.status, 400, 'a zone nobody knows is refused');
  t.match(unknown.body, { error: 'unknown_time_zone' });
  t.equal((await owner.request('PATCH', '/api/v1/settings', { timeZone: '../../etc' })).status, 400, 'as is anything not shaped like a zone');
  t.equal(((await owner.get('/api/v1/settings')).body as { timeZone: string }).timeZone, 'Europe/Berlin', 'the zone stays as saved');
});
