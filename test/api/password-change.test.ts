import Database from 'better-sqlite3';
import { join } from 'node:path';
import t from 'tap';
import { DATABASE_FILE } from '../../hub/store/database-file.js';
import { ApiClient, OWNER, addUser, onboardOwner, startApiHub } from './api-harness.js';

t.test('everyone changes their own password, saying the current one; their other sessions end', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const sam = await addUser(owner, { username: 'sam', role: 'member', personId: 'sam' });
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: [] });
  const samElsewhere = new ApiClient(api.base);
  t.equal((await samElsewhere.post('/api/v1/auth/login', { username: 'sam', password: 'sam-password-long' })).status, 200, 'Sam is signed in on a second phone too');

  const wrong = await sam.post('/api/v1/me/password', { currentPassword: 'not-my-password', newPassword: 'a-new-long-password' });
  t.equal(wrong.status, 403, 'a wrong current password is refused');
  t.equal((wrong.body as { error: string }).error, 'wrong_password');
  t.equal((await sam.get('/api/v1/me')).status, 200, 'a refused change does not sign anyone out');

  const weak = await sam.post('/api/v1/me/password', { currentPassword: 'sam-password-long', newPassword: 'short' });
  t.equal(weak.status, 400);
  t.equal((weak.body as { error: string }).error, 'weak_password', 'the new password follows the same rules as any other');
  const missing = await sam.post('/api/v1/me/password', { newPassword: 'a-new-long-password' });
  t.equal(missing.status, 400, 'the current password is required');

  const changed = await sam.post('/api/v1/me/password', { currentPassword: 'sam-password-long', newPassword: 'a-new-long-password' });
  t.equal(changed.status, 200, 'the change is taken');
  const session = changed.body as { user: { username: string }; csrfToken: string };
  t.equal(session.user.username, 'sam', 'the answer is Sam’s new session');
  t.equal((await sam.get('/api/v1/me')).status, 200, 'this browser stays signed in, on its new session');
  t.equal((await samElsewhere.get('/api/v1/me')).status, 401, 'the other phone’s session has ended');

  t.equal((await new ApiClient(api.base).post('/api/v1/auth/login', { username: 'sam', password: 'sam-password-long' })).status, 401, 'the old password no longer signs in');
  t.equal((await new ApiClient(api.base).post('/api/v1/auth/login', { username: 'sam', password: 'a-new-long-password' })).status, 200, 'the new one does');

  t.equal((await viewer.post('/api/v1/me/password', { currentPassword: 'viewer-password-long', newPassword: 'viewer-new-password' })).status, 200, 'a viewer may change their own password');
  t.equal((await owner.post('/api/v1/me/password', { currentPassword: OWNER.password, newPassword: 'owner-new-password' })).status, 200, 'and so may the owner');

  const tokenMade = await owner.post('/api/v1/tokens', { name: 'script', scopes: ['read', 'write', 'admin'] });
  const integration = new ApiClient(api.base);
  integration.token = (tokenMade.body as { token: string }).token;
  t.equal((await integration.post('/api/v1/me/password', { currentPassword: 'owner-new-password', newPassword: 'token-chosen-password' })).status, 403, 'an API token cannot change its owner’s password');
});

t.test('guessing the current password is limited like a login', async (t) => {
  const api = await startApiHub({ api: { loginMaxFailures: 3 } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  for (let i = 0; i < 3; i++) t.equal((await owner.post('/api/v1/me/password', { currentPassword: `guess-${i}`, newPassword: 'a-new-long-password' })).status, 403, `guess ${i + 1} refused`);
  const locked = await owner.post('/api/v1/me/password', { currentPassword: OWNER.password, newPassword: 'a-new-long-password' });
  t.equal(locked.status, 429, 'after the limit even the right password waits');
  t.ok(Number(locked.headers.get('retry-after')) > 0, 'the answer says how long');
});

t.test('a changed password forgets the browsers trusted under the old one, but keeps this one', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  await addUser(owner, { username: 'sam', role: 'member', personId: 'sam' });
  const phone = new ApiClient(api.base);
  const laptop = new ApiClient(api.base);
  for (const browser of [phone, laptop]) t.equal((await browser.post('/api/v1/auth/login', { username: 'sam', password: 'sam-password-long' })).status, 200);
  const db = new Database(join(api.dataDir, DATABASE_FILE), { readonly: true });
  t.teardown(() => db.close());
  const samId = (db.prepare("SELECT id FROM account_user WHERE username = 'sam'").get() as { id: string }).id;
  const trusted = (): number => (db.prepare('SELECT COUNT(*) AS n FROM account_device WHERE user_id = ?').get(samId) as { n: number }).n;
  t.equal(trusted(), 3, 'each browser Sam logged in from is trusted for Sam’s logins (the first when the account was made)');
  t.equal((await phone.post('/api/v1/me/password', { currentPassword: 'sam-password-long', newPassword: 'a-new-long-password' })).status, 200);
  t.equal(trusted(), 1, 'only the phone that changed it is trusted now');
});
