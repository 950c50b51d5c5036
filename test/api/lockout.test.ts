import t from 'tap';
import { portOf, rawRequest, type RawAnswer } from '../helpers/raw-http.js';
import { ApiClient, OWNER, onboardOwner, startApiHub } from './api-harness.js';

/**
 * Login limits under attack: guesses sent all at once are each counted before their password is
 * checked; the address that guesses is locked, not the account; and a browser the owner logged in
 * from before keeps its way in whatever a stranger sends. Other machines of the LAN are other
 * addresses of 127.0.0.0/8. Guesses sent at once are checked at a quarter of the hub's password
 * cost (the tests' usual cost is so low that a check could end before the next guess arrives), so
 * that they overlap as the probe's did on the box.
 */

const OVERLAPPING_COST = { part: { scryptCost: { N: 2 ** 13, r: 8, p: 1 } } };

function loginBytes(username: string, password: string, cookie?: string): string {
  const body = JSON.stringify({ username, password });
  const lines = ['POST /api/v1/auth/login HTTP/1.1', 'Host: hearth.local', 'Connection: close', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`];
  if (cookie !== undefined) lines.push(`Cookie: ${cookie}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

function statuses(answers: readonly { status: number }[]): Record<number, number> {
  const count: Record<number, number> = {};
  for (const a of answers) count[a.status] = (count[a.status] ?? 0) + 1;
  return count;
}

function deviceCookieOf(answer: RawAnswer | { headers: Headers }): string | undefined {
  const all = answer.headers instanceof Headers ? answer.headers.getSetCookie() : (answer.headers['set-cookie'] ?? '').split('\n');
  return all.find((c) => c.startsWith('hearth_device='))?.split(';')[0];
}

t.test('40 guesses at once for one user, the last one right: five are checked, the right one is refused', async (t) => {
  const api = await startApiHub(OVERLAPPING_COST);
  t.teardown(() => api.stop());
  await onboardOwner(api.base);
  const attacker = (i: number): Promise<{ status: number }> => new ApiClient(api.base).post('/api/v1/auth/login', { username: 'owner', password: i === 39 ? OWNER.password : `guess number ${i}` });
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => attacker(i)));
  t.same(statuses(answers), { 401: 5, 429: 35 }, 'five evaluated, the other 35 limited before their password was checked');
  t.equal(answers[39]?.status, 429, 'the right password, sent last, is refused');
  t.equal((await new ApiClient(api.base).post('/api/v1/auth/login', { username: 'owner', password: OWNER.password })).status, 429, 'and the address stays locked out of the account');
});

t.test('200 wrong guesses at once from one address: only the address limit of them is evaluated', async (t) => {
  const api = await startApiHub(OVERLAPPING_COST);
  t.teardown(() => api.stop());
  await onboardOwner(api.base);
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => new ApiClient(api.base).post('/api/v1/auth/login', { username: `user${i % 50}`, password: `guess number ${i}` })));
  t.same(statuses(answers), { 401: 20, 429: 180 }, '20 evaluated (the address limit), 180 limited');
});

t.test('the guessing address is locked, not the account: the owner on another machine logs in', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  await onboardOwner(api.base);
  const attacker = { port: portOf(api.base), localAddress: '127.0.0.66' };
  const owner = { port: portOf(api.base), localAddress: '127.0.0.2' };
  for (let i = 0; i < 5; i++) t.equal((await rawRequest(attacker, loginBytes('owner', `guess number ${i}`))).status, 401);
  const locked = await rawRequest(attacker, loginBytes('owner', OWNER.password));
  t.equal(locked.status, 429, 'the attacker is locked out, even with the right password');
  t.ok(Number(locked.headers['retry-after']) > 0, 'with Retry-After');
  t.equal((await rawRequest(owner, loginBytes('owner', OWNER.password))).status, 200, 'the owner, from another address and a new browser, is not');
});

t.test('a browser that logged in before keeps its way in while strangers from many addresses lock out new ones', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  await onboardOwner(api.base);
  const port = portOf(api.base);
  const ownersLaptop = { port, localAddress: '127.0.0.2' };
  const first = await rawRequest(ownersLaptop, loginBytes('owner', OWNER.password));
  t.equal(first.status, 200);
  const cookie = deviceCookieOf(first);
  t.ok(cookie, 'a successful login leaves a device cookie');
  t.match(first.headers['set-cookie'] ?? '', /hearth_device=[^;]+;.*HttpOnly/, 'which scripts cannot read');

  // Twenty strangers, four guesses each: no address reaches its own limit, together they lock new browsers out.
  const strangers = Array.from({ length: 20 }, (_, i) => ({ port, localAddress: `127.0.1.${i + 1}` }));
  const guesses = await Promise.all(strangers.flatMap((s, i) => [0, 1, 2, 3].map((g) => rawRequest(s, loginBytes('owner', `stranger ${i} guess ${g}`)))));
  t.same(statuses(guesses), { 401: 20, 429: 60 }, 'the untrusted limit of the account: 20 evaluated');
  t.equal((await rawRequest({ port, localAddress: '127.0.0.3' }, loginBytes('owner', OWNER.password))).status, 429, 'a new browser of the owner is locked out with the strangers');
  t.equal((await rawRequest(ownersLaptop, loginBytes('owner', OWNER.password))).status, 429, 'so is the laptop without its cookie');
  t.equal((await rawRequest({ port, localAddress: '127.0.1.1' }, loginBytes('owner', OWNER.password, 'hearth_device=forged-value'))).status, 429, 'a made-up device cookie is no way in');

  const again = await rawRequest(ownersLaptop, loginBytes('owner', OWNER.password, cookie));
  t.equal(again.status, 200, 'the laptop with its device cookie logs in');
  const rotated = deviceCookieOf(again);
  t.ok(rotated !== undefined && rotated !== cookie, 'and gets a new cookie');
  t.equal((await rawRequest(ownersLaptop, loginBytes('owner', OWNER.password, cookie))).status, 429, 'the used cookie no longer counts as trusted');
  t.equal((await rawRequest(ownersLaptop, loginBytes('owner', OWNER.password, rotated))).status, 200, 'the new one does');
});

t.test('a device cookie is trusted for its own user only, and its own wrong guesses lock only it', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  t.equal((await owner.post('/api/v1/users', { username: 'sam', password: 'sam-password-long', displayName: 'Sam', role: 'member', personId: 'sam' })).status, 201);
  const port = portOf(api.base);
  const tablet = { port, localAddress: '127.0.0.4' };
  const cookie = deviceCookieOf(await rawRequest(tablet, loginBytes('sam', 'sam-password-long')));
  t.ok(cookie);
  // Sam's cookie does not make this browser trusted for the owner: its guesses count as untrusted.
  for (let i = 0; i < 5; i++) t.equal((await rawRequest(tablet, loginBytes('owner', `guess ${i}`, cookie))).status, 401);
  t.equal((await rawRequest(tablet, loginBytes('owner', OWNER.password, cookie))).status, 429, "another user's cookie is no way past the address lock");
  // Five typos with the cookie lock the cookie, and not the address.
  const fresh = { port, localAddress: '127.0.0.5' };
  const samCookie = deviceCookieOf(await rawRequest(fresh, loginBytes('sam', 'sam-password-long')));
  for (let i = 0; i < 5; i++) t.equal((await rawRequest(fresh, loginBytes('sam', `typo ${i}`, samCookie))).status, 401);
  t.equal((await rawRequest(fresh, loginBytes('sam', 'sam-password-long', samCookie))).status, 429, 'the cookie is locked after its own five');
  t.equal((await rawRequest(fresh, loginBytes('sam', 'sam-password-long'))).status, 200, 'the address was not');
});
