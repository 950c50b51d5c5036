import t from 'tap';
import { ApiClient, OWNER, onboardOwner, startApiHub } from './api-harness.js';

t.test('first run: onboarding creates the owner once, with a person, and logs them in', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const anonymous = new ApiClient(api.base);
  t.same((await anonymous.get('/api/v1/onboarding')).body, { needed: true });

  const weak = await anonymous.post('/api/v1/onboarding', { ...OWNER, password: 'short' });
  t.equal(weak.status, 400);
  t.equal((weak.body as { error: string }).error, 'weak_password');
  const sameAsName = await anonymous.post('/api/v1/onboarding', { ...OWNER, password: 'OwnerOwner', username: 'ownerowner' });
  t.equal(sameAsName.status, 400, 'the username is not a password');

  const owner = new ApiClient(api.base);
  const created = await owner.post('/api/v1/onboarding', OWNER);
  t.equal(created.status, 201);
  const { user, csrfToken } = created.body as { user: { role: string; personId: string }; csrfToken: string };
  t.equal(user.role, 'owner');
  t.type(csrfToken, 'string');
  t.ok(api.hub.context.registry.listPeople().some((p) => p.id === user.personId), 'the owner has a person record');

  const cookie = created.headers.getSetCookie().find((c) => c.startsWith('hearth_session=')) ?? '';
  t.match(cookie, /HttpOnly/);
  t.match(cookie, /SameSite=Strict/);
  t.match(cookie, /Path=\//);
  t.notMatch(cookie, /Secure/, 'plain HTTP on the LAN: a Secure cookie would never be sent back');

  const again = await new ApiClient(api.base).post('/api/v1/onboarding', { ...OWNER, username: 'intruder' });
  t.equal(again.status, 409, 'a second owner cannot be onboarded');
  t.same((await anonymous.get('/api/v1/onboarding')).body, { needed: false });

  const me = await owner.get('/api/v1/me');
  t.equal(me.status, 200);
  t.equal((me.body as { user: { username: string } }).user.username, 'owner');
  t.equal((me.body as { csrfToken: string }).csrfToken, csrfToken);
});

t.test('login: one message for unknown user and wrong password, never the password hash', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  await onboardOwner(api.base);
  const client = new ApiClient(api.base);
  const unknown = await client.post('/api/v1/auth/login', { username: 'nobody', password: 'whatever-long' });
  const wrong = await client.post('/api/v1/auth/login', { username: 'owner', password: 'wrong password!' });
  t.equal(unknown.status, 401);
  t.equal(wrong.status, 401);
  t.same(unknown.body, wrong.body, 'the answer does not tell whether the user exists');
  const ok = await client.post('/api/v1/auth/login', { username: 'OWNER', password: OWNER.password });
  t.equal(ok.status, 200, 'usernames are case-insensitive');
  t.notMatch(ok.text, /scrypt|password/i);
});

t.test('lockout: five failures lock the address out of the username, with Retry-After, even for the right password', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  await onboardOwner(api.base);
  const attacker = new ApiClient(api.base);
  for (let i = 0; i < 5; i++) t.equal((await attacker.post('/api/v1/auth/login', { username: 'owner', password: `guess number ${i}` })).status, 401);
  const locked = await attacker.post('/api/v1/auth/login', { username: 'owner', password: OWNER.password });
  t.equal(locked.status, 429);
  t.equal((locked.body as { error: string }).error, 'too_many_attempts');
  const retryAfter = Number(locked.headers.get('retry-after'));
  t.ok(retryAfter > 14 * 60 && retryAfter <= 15 * 60, `Retry-After is about 15 minutes (${retryAfter} s)`);
});

t.test('lockout survives a restart and ends after the lock time', async (t) => {
  let now = Date.parse('2025-03-01T10:00:00Z');
  const clock = { now: () => now };
  const first = await startApiHub({ clock });
  await onboardOwner(first.base);
  const client = new ApiClient(first.base);
  for (let i = 0; i < 5; i++) await client.post('/api/v1/auth/login', { username: 'owner', password: `guess number ${i}` });
  await first.stop();
  const second = await startApiHub({ clock, dataDir: first.dataDir });
  t.teardown(() => second.stop());
  const again = new ApiClient(second.base);
  t.equal((await again.post('/api/v1/auth/login', { username: 'owner', password: OWNER.password })).status, 429, 'still locked after restart');
  now += 16 * 60_000;
  t.equal((await again.post('/api/v1/auth/login', { username: 'owner', password: OWNER.password })).status, 200, 'unlocked after 15 minutes');
});

t.test('per-address limit: many usernames from one address are blocked too', async (t) => {
  const api = await startApiHub({ api: { loginAddressMaxFailures: 8 } });
  t.teardown(() => api.stop());
  await onboardOwner(api.base);
  const scanner = new ApiClient(api.base);
  for (let i = 0; i < 8; i++) t.equal((await scanner.post('/api/v1/auth/login', { username: `user${i}`, password: 'some password' })).status, 401);
  const blocked = await scanner.post('/api/v1/auth/login', { username: 'owner', password: OWNER.password });
  t.equal(blocked.status, 429);
  t.ok(blocked.headers.get('retry-after'));
});

t.test('CSRF: cookie-authenticated writes need the session token; bearer tokens do not', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const csrf = owner.csrf;
  owner.csrf = undefined;
  const refused = await owner.request('PATCH', '/api/v1/settings', { householdName: 'Forged' });
  t.equal(refused.status, 403);
  t.equal((refused.body as { error: string }).error, 'csrf_failed');
  owner.csrf = 'not-the-token';
  t.equal((await owner.request('PATCH', '/api/v1/settings', { householdName: 'Forged' })).status, 403);
  owner.csrf = csrf;
  const allowed = await owner.request('PATCH', '/api/v1/settings', { householdName: 'The Burrow' });
  t.equal(allowed.status, 200);
  t.equal((allowed.body as { householdName: string }).householdName, 'The Burrow');

  const created = await owner.post('/api/v1/tokens', { name: 'script', scopes: ['read', 'write', 'admin'] });
  t.equal(created.status, 201);
  const integration = new ApiClient(api.base);
  integration.token = (created.body as { token: string }).token;
  t.match(integration.token, /^hth_/);
  t.equal((await integration.request('PATCH', '/api/v1/settings', { units: 'imperial' })).status, 200, 'a bearer token needs no CSRF header');
});

t.test('sessions: logout ends them, refresh rotates them, idle and absolute limits expire them, restarts keep them', async (t) => {
  let now = Date.parse('2025-03-01T08:00:00Z');
  const clock = { now: () => now };
  const first = await startApiHub({ clock });
  const owner = await onboardOwner(first.base);
  await first.stop();

  const api = await startApiHub({ clock, dataDir: first.dataDir });
  t.teardown(() => api.stop());
  const client = new ApiClient(api.base);
  client.cookie = owner.cookie;
  client.csrf = owner.csrf;
  t.equal((await client.get('/api/v1/me')).status, 200, 'the session survived the restart');

  const oldCookie = client.cookie;
  const refreshed = await client.post('/api/v1/auth/refresh');
  t.equal(refreshed.status, 200);
  t.not(client.cookie, oldCookie, 'refresh issues a new session id');
  const stale = new ApiClient(api.base);
  stale.cookie = oldCookie;
  t.equal((await stale.get('/api/v1/me')).status, 401, 'the old session id stops working');

  now += 31 * 60_000;
  t.equal((await client.get('/api/v1/me')).status, 401, 'idle for 31 minutes: expired');

  const again = new ApiClient(api.base);
  await again.post('/api/v1/auth/login', { username: 'owner', password: OWNER.password });
  for (let i = 0; i < 26; i++) {
    now += 29 * 60_000;
    if (i < 24) t.equal((await again.get('/api/v1/me')).status, 200);
  }
  t.equal((await again.get('/api/v1/me')).status, 401, 'past 12 hours: expired however active');

  const last = new ApiClient(api.base);
  await last.post('/api/v1/auth/login', { username: 'owner', password: OWNER.password });
  t.equal((await last.post('/api/v1/auth/logout')).status, 200);
  last.csrf = undefined;
  t.equal((await last.get('/api/v1/me')).status, 401, 'logged out');
});

t.test('revoked tokens stop working at once', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const created = (await owner.post('/api/v1/tokens', { name: 'grafana', scopes: ['read'] })).body as { id: string; token: string };
  const integration = new ApiClient(api.base);
  integration.token = created.token;
  t.equal((await integration.get('/api/v1/people')).status, 200);
  const listed = (await owner.get('/api/v1/tokens')).body as Record<string, unknown>[];
  t.equal(listed.length, 1);
  t.notOk('token' in (listed[0] ?? {}), 'the token itself is shown only once');
  t.equal((await owner.request('DELETE', `/api/v1/tokens/${created.id}`)).status, 200);
  const after = await integration.get('/api/v1/people');
  t.equal(after.status, 401);
  t.equal((after.body as { error: string }).error, 'invalid_token');
  t.equal((await integration.request('PATCH', '/api/v1/settings', { units: 'metric' })).status, 401);
});
