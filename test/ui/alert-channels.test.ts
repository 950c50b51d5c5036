import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { onEachScreen } from './helpers/browser.js';
import { startDashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwnerOverApi, signInOwner, type OwnerSession } from './helpers/sign-in.js';

/** The push address's test, as ntfy shows it: the title says no one needs help. */
const TEST_TITLE = 'Test from Hearth — no one needs help';

/** A local HTTP server standing in for ntfy. */
async function ntfyServer(t: { teardown(fn: () => unknown): void }): Promise<{ url: string; received: { title: string; body: string }[] }> {
  const received: { title: string; body: string }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const title = String(request.headers['title'] ?? '');
      const encoded = /^=\?UTF-8\?B\?(.*)\?=$/.exec(title);
      received.push({ title: encoded === null ? title : Buffer.from(encoded[1] ?? '', 'base64').toString('utf8'), body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hearth-household`, received };
}

/** Puts the push addresses back to the config file's (none), so each screen starts where a new household does. */
async function backToTheFile(baseURL: string, owner: OwnerSession): Promise<void> {
  const answer = await fetch(`${baseURL}/api/v1/alert-channels`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie: owner.cookie, 'x-csrf-token': owner.csrfToken }, body: JSON.stringify({ webhooks: null }) });
  if (answer.status !== 200) throw new Error(`resetting the channels failed: ${answer.status} ${await answer.text()}`);
}

t.test('the owner sets a push address, tests it and reads what happened; a channel with no one to tell says so in words', async (t) => {
  const ntfy = await ntfyServer(t);
  const hub = await startDashboardHub();
  t.teardown(() => hub.stop());
  const owner = await onboardOwnerOverApi(hub.baseURL);

  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await backToTheFile(hub.baseURL, owner);
    await signInOwner(page);
    await page.goto('/#/settings');
    await page.getByRole('link', { name: 'Set up alert channels' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alert channels' }).waitFor();
    const push = page.locator('form[data-section="webhooks"]');
    await push.waitFor();

    const warning = push.locator('.channel-warning[data-channel="webhook"]');
    t.equal(((await warning.textContent()) ?? '').trim(), 'No one gets webhook alerts: add an address.', `${screen}: no push address is a warning in words`);
    const escalation = page.locator('form[data-section="escalation"] .channel-warning').first();
    t.match(await escalation.textContent(), /^Escalation has no caregiver to tell for \w+: give a caregiver account access to \w+, or add a caregiver’s push address\.$/, `${screen}: so is an escalation to nobody`);
    t.notMatch((await page.locator('main').textContent()) ?? '', /alerts\.\w|speech\.device|webhooks:/, `${screen}: no config keys anywhere`);

    const test = push.locator('.channel-test');
    await push.getByRole('button', { name: 'Test push notifications' }).click();
    // The test's answer is on screen once the line carries its outcome.
    await push.locator('.channel-test:not([data-outcome=""])').waitFor();
    t.equal(await test.getAttribute('data-outcome'), 'no_recipient', `${screen}: a test with no address has no one to tell`);
    t.equal(((await test.locator('.test-result').textContent()) ?? '').trim(), 'Test: No push address is set up: add one, then test again.', `${screen}: and says so`);

    await push.getByRole('button', { name: 'Add an address' }).click();
    await push.getByLabel('Address', { exact: true }).fill(ntfy.url);
    await push.getByLabel('Alerts it gets').selectOption('info');
    await push.getByLabel('Access token').fill(`tk_${screen}_token`);
    await push.getByRole('button', { name: 'Save', exact: true }).click();
    // A saved card is drawn again from what the hub saved: the token is only "set".
    await page.locator('form[data-section="webhooks"] .field .hint', { hasText: 'A token is set; it is never shown.' }).waitFor();
    t.equal(await page.locator('form[data-section="webhooks"] .channel-warning').count(), 0, `${screen}: the warning is gone once there is an address`);
    t.equal(await page.locator('form[data-section="webhooks"] input[type="password"]').inputValue(), '', `${screen}: the token is not put back in the page`);

    const before = ntfy.received.length;
    const saved = page.locator('form[data-section="webhooks"]');
    await saved.getByRole('button', { name: 'Test push notifications' }).click();
    await saved.locator('.channel-test:not([data-outcome=""])').waitFor();
    t.equal(await saved.locator('.channel-test').getAttribute('data-outcome'), 'delivered', `${screen}: the test was delivered`);
    t.equal(((await saved.locator('.test-result').textContent()) ?? '').trim(), `Test: Delivered to ${new URL(ntfy.url).host}.`, `${screen}: the status line says where`);
    t.equal(ntfy.received.length, before + 1, `${screen}: the stand-in for ntfy got one push`);
    t.equal(ntfy.received.at(-1)?.title, TEST_TITLE, `${screen}: marked as a test in its title`);
    t.match(ntfy.received.at(-1)?.body, /No one needs help\./, `${screen}: and in its message`);
    await browser.check(t, 'alert-channels');
  });
});
