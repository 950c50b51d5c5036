import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ApiClient, startApiHub } from './api-harness.js';

t.test('without a built dashboard, / says so in words', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const page = await new ApiClient(api.base).get('/');
  t.equal(page.status, 200);
  t.match(page.text, /dashboard is not built/);
  t.match(page.text, /make run/);
});

t.test('the built dashboard is served, with index.html for its own routes and JSON 404 for unknown API paths', async (t) => {
  const uiDir = mkdtempSync(join(tmpdir(), 'hearth-ui-'));
  mkdirSync(join(uiDir, 'assets'));
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Hearth dashboard</title>');
  writeFileSync(join(uiDir, 'assets', 'app.js'), 'console.log("hearth")');
  const api = await startApiHub({ api: { uiDir } });
  t.teardown(() => api.stop());
  const client = new ApiClient(api.base);
  t.match((await client.get('/')).text, /Hearth dashboard/);
  const script = await client.get('/assets/app.js');
  t.equal(script.status, 200);
  t.match(script.headers.get('content-type'), /javascript/);
  const deepLink = await client.get('/people/alex/heart_rate');
  t.equal(deepLink.status, 200);
  t.match(deepLink.text, /Hearth dashboard/, 'a reload on a dashboard route gets the app');
  const unknownApi = await client.get('/api/v1/nope');
  t.equal(unknownApi.status, 401, 'unknown API paths are still behind login');
  t.equal((await client.get('/api/v1/health')).status, 200);
});
