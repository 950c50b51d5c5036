import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { Value } from 'typebox/value';
import { ManualClock } from '../../core/clock.js';
import type { Speaker } from '../../hub/alerts/espeak-speaker.js';
import { AlertChannels, ChannelTestResult } from '../../hub/api/contract/alert-channels.js';
import { alertsListener, eventually, startAlertsHub, type AlertsHub } from '../alerts/helpers/alerts-hub.js';
import { ApiClient, addUser, onboardOwner, OWNER, startApiHub, type ApiResponse } from './api-harness.js';

/** What the hub says on every test, so nobody who reads it thinks someone needs help. */
const TEST_TITLE = 'Test from Hearth — no one needs help';
const NOON = Date.UTC(2024, 4, 14, 12, 0);
const QUIET_OFF = { enabled: false, start: '22:00', end: '07:00', hold: [], timeZone: 'UTC' } as const;
const NTFY_TOKEN = 'tk_household_secret_0123456789';
const FILE_TOKEN = 'tk_from_the_config_file_42';

interface Received {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A local HTTP server standing in for ntfy: records what it gets, answers `status()`. */
async function ntfyServer(t: Test, status: () => number = () => 200): Promise<{ url: string; origin: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body });
      response.writeHead(status(), { 'content-type': 'application/json' }).end('{}');
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
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/hearth-alerts`, origin, received };
}

/** ntfy's title header, as the hub encodes text outside ASCII (RFC 2047). */
function decodedTitle(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  const encoded = /^=\?UTF-8\?B\?(.*)\?=$/.exec(text);
  return encoded === null ? text : Buffer.from(encoded[1] ?? '', 'base64').toString('utf8');
}

function conforms(t: Test, response: ApiResponse, what: string): AlertChannels {
  t.equal(response.status, 200, `${what}: 200`);
  t.same([...Value.Errors(AlertChannels, response.body)].map((e) => `${e.instancePath} ${e.message}`), [], `${what}: the contract's shape`);
  return response.body as AlertChannels;
}

function testResult(t: Test, response: ApiResponse, what: string): ChannelTestResult {
  t.equal(response.status, 200, `${what}: 200`);
  t.same([...Value.Errors(ChannelTestResult, response.body)].map((e) => `${e.instancePath} ${e.message}`), [], `${what}: the contract's shape`);
  return response.body as ChannelTestResult;
}

const spokenBy = (sentences: string[]): Speaker => ({
  speak: async (text) => {
    sentences.push(text);
    return { file: 'test.wav', played: true };
  },
});

async function channelsHub(t: Test, options: { dataDir?: string; webhooks?: { url: string; format: 'ntfy' | 'gotify'; token?: string; minSeverity: 'info' | 'warning' | 'critical' }[]; spoken?: string[] } = {}): Promise<{ hub: AlertsHub; clock: ManualClock; owner: ApiClient }> {
  const clock = new ManualClock(NOON);
  const hub = await startAlertsHub({
    clock,
    live: true,
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    alerts: { quietHours: QUIET_OFF, webhooks: options.webhooks ?? [], webhookRetry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000 } },
    part: { speaker: spokenBy(options.spoken ?? []) },
  });
  t.teardown(() => hub.stop());
  let owner: ApiClient;
  if ((await new ApiClient(hub.base).get('/api/v1/onboarding')).text.includes('"needed":true')) owner = await onboardOwner(hub.base);
  else {
    owner = new ApiClient(hub.base);
    const login = await owner.post('/api/v1/auth/login', { username: OWNER.username, password: OWNER.password });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  }
  return { hub, clock, owner };
}

const fever = (hub: AlertsHub, clock: ManualClock): void => void hub.hub.context.ingest.submit({ deviceId: 'thermo-sam', readings: [{ metric: 'body_temperature', value: 38.9, ts: clock.now() }] });

t.test('the file gives the defaults, the household’s edits win and survive a restart; the token is never sent back', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-channels-'));
  const fileServer = await ntfyServer(t);
  const household = await ntfyServer(t);
  const first = await channelsHub(t, { dataDir, webhooks: [{ url: fileServer.url, format: 'ntfy', token: FILE_TOKEN, minSeverity: 'warning' }] });

  const ownerPerson = ((await first.owner.get('/api/v1/me')).body as { user: { personId: string } }).user.personId;
  const initial = await first.owner.get('/api/v1/alert-channels');
  const fromFile = conforms(t, initial, 'GET from the file');
  t.notMatch(initial.text, FILE_TOKEN, 'the file’s token is not in the answer');
  t.same(fromFile.webhooks, { from: 'file', targets: [{ id: 'file-1', url: fileServer.url, format: 'ntfy', minSeverity: 'warning', tokenSet: true }] }, 'the file’s push address, its token only "set"');
  t.match(fromFile.speech, { enabled: true, voice: 'en', from: 'file' });
  t.same(fromFile.mqtt, { enabled: true, brokerRunning: true, from: 'file' });
  t.same(
    fromFile.warnings.filter((w) => w.channel === 'escalation').map((w) => w.message),
    ['Alex', 'Sam', 'Pat'].map((name) => `Escalation has no caregiver to tell for ${name}: give a caregiver account access to ${name}, or add a caregiver’s push address.`),
    'escalation to nobody is a warning in words, per person',
  );
  t.notOk(fromFile.warnings.some((w) => w.channel === 'webhook'), 'push has an address: no warning');
  t.notMatch(JSON.stringify(fromFile.warnings), /alerts\.\w|speech\.device|mqtt\.enabled/, 'no config keys in the warnings');

  const saved = await first.owner.request('PUT', '/api/v1/alert-channels', {
    webhooks: {
      targets: [
        { id: 'file-1', url: fileServer.url, format: 'ntfy', minSeverity: 'critical' },
        { url: household.url, format: 'ntfy', minSeverity: 'info', token: NTFY_TOKEN },
      ],
    },
    speech: { enabled: true, device: 'plughw:1,0', voice: 'en-gb', minSeverity: 'critical' },
    escalation: { afterMinutes: 30, pushAddresses: { sam: [`${household.origin}/sam-carer`] } },
  });
  const afterSave = conforms(t, saved, 'PUT');
  t.notMatch(saved.text, NTFY_TOKEN, 'the new token is not in the answer');
  t.notMatch(saved.text, FILE_TOKEN, 'nor the kept one');
  const [kept, added] = afterSave.webhooks.targets;
  t.match(kept, { id: 'file-1', minSeverity: 'critical', tokenSet: true }, 'the file’s address keeps its token when the household changes its severity');
  t.match(added, { url: household.url, tokenSet: true }, 'the new address has its token set');
  t.match(added?.id, /^push-/, 'and an id of its own');
  t.equal(afterSave.webhooks.from, 'household');
  t.same(afterSave.escalation.pushAddresses, { sam: [`${household.origin}/sam-carer`] });
  t.same(afterSave.warnings.filter((w) => w.channel === 'escalation').map((w) => w.personId), ['alex', ownerPerson], 'Sam has a caregiver now; Alex and the owner still have none');
  await first.hub.stop();

  const second = await channelsHub(t, { dataDir, webhooks: [{ url: fileServer.url, format: 'ntfy', token: FILE_TOKEN, minSeverity: 'warning' }] });
  const restarted = await second.owner.get('/api/v1/alert-channels');
  const afterRestart = conforms(t, restarted, 'GET after a restart');
  t.same(afterRestart.webhooks, afterSave.webhooks, 'the push addresses survived the restart');
  t.same(afterRestart.speech, { enabled: true, device: 'plughw:1,0', voice: 'en-gb', minSeverity: 'critical', from: 'household' }, 'and the speaker’s settings');
  t.equal(afterRestart.escalation.afterMinutes, 30);
  t.equal(afterRestart.quietHours.from, 'file', 'a section the household never saved is still the file’s');
  t.notMatch(restarted.text, NTFY_TOKEN, 'no token after the restart either');

  const tested = testResult(t, await second.owner.post('/api/v1/alert-channels/test', { channel: 'webhook' }), 'POST test webhook');
  t.equal(tested.outcome, 'delivered');
  t.equal(tested.message, `Delivered to 127.0.0.1:${new URL(fileServer.url).port}, 127.0.0.1:${new URL(household.url).port}.`);
  const got = household.received.at(-1);
  t.equal(decodedTitle(got?.headers['title']), TEST_TITLE, 'ntfy got the test, marked in its title');
  t.match(got?.body, /No one needs help\.$/, 'and in its message');
  t.equal(got?.headers['authorization'], `Bearer ${NTFY_TOKEN}`, 'with the token saved before the restart');
  t.equal(fileServer.received.at(-1)?.headers['authorization'], `Bearer ${FILE_TOKEN}`, 'the file’s address with the file’s token');
  t.equal(fileServer.received.length, 1, 'a test reaches every address whatever its least severity');

  const back = conforms(t, await second.owner.request('PUT', '/api/v1/alert-channels', { webhooks: null, speech: null }), 'PUT null');
  t.same(back.webhooks, fromFile.webhooks, 'null goes back to the file’s push addresses');
  t.equal(back.speech.from, 'file');
});

t.test('a change applies to the next alert without a restart', async (t) => {
  const server = await ntfyServer(t);
  const spoken: string[] = [];
  const { hub, clock, owner } = await channelsHub(t, { spoken });
  const listener = await alertsListener(hub, 'home-assistant');
  t.teardown(() => listener.client.endAsync());

  conforms(t, await owner.request('PUT', '/api/v1/alert-channels', { webhooks: { targets: [{ url: server.url, format: 'ntfy', minSeverity: 'info' }] }, mqtt: { enabled: false }, speech: { enabled: false, device: '', voice: 'en', minSeverity: 'info' } }), 'PUT');
  fever(hub, clock);
  await hub.alerts.settled();
  const [alert] = hub.alerts.engine.openAlerts();
  t.ok(alert !== undefined, 'the fever raised an alert');
  t.equal(server.received.length, 1, 'the push address added a moment ago got it');
  t.equal(decodedTitle(server.received[0]?.headers['title']), alert?.title);
  t.same(spoken, [], 'the speaker switched off said nothing');
  const view = hub.hub.context.services.alerts.current();
  const deliveries = ((await view?.list({ state: 'open' }, 'all'))?.[0]?.['deliveries'] ?? []) as { channel: string; outcome: string }[];
  t.same(deliveries.map((d) => `${d.outcome}:${d.channel}`), ['told:webhook'], 'MQTT switched off is not said to have told anyone');
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.same(listener.messages, [], 'nothing was published on hearth/alerts');

  conforms(t, await owner.request('PUT', '/api/v1/alert-channels', { mqtt: { enabled: true } }), 'PUT MQTT on');
  const mqttTest = testResult(t, await owner.post('/api/v1/alert-channels/test', { channel: 'mqtt' }), 'POST test mqtt');
  t.same(mqttTest, { channel: 'mqtt', outcome: 'delivered', message: 'Sent on hearth/alerts to one listening device or integration.' });
  const message = await eventually('the test on hearth/alerts', () => listener.messages.find((m) => m['test'] === true));
  t.match(message, { title: TEST_TITLE, severity: 'info', test: true }, 'the integration got a message marked as a test');
});

t.test('a test says what happened: delivered, failed and why, or no one to tell', async (t) => {
  const spoken: string[] = [];
  const refusing = await ntfyServer(t, () => 401);
  const { owner } = await channelsHub(t, { spoken });
  const test = async (channel: string): Promise<ChannelTestResult> => testResult(t, await owner.post('/api/v1/alert-channels/test', { channel }), `test ${channel}`);

  t.same(await test('webhook'), { channel: 'webhook', outcome: 'no_recipient', message: 'No push address is set up: add one, then test again.' });
  t.same(await test('escalation'), { channel: 'escalation', outcome: 'no_recipient', message: 'Escalation has no caregiver to tell: give a caregiver account access to a person, or add a caregiver push address.' });
  t.same(await test('mqtt'), { channel: 'mqtt', outcome: 'no_recipient', message: 'Sent on hearth/alerts, but no device or integration is listening there now.' });
  t.same(await test('speech'), { channel: 'speech', outcome: 'delivered', message: 'Spoken on the hub’s speaker.' });
  t.same(spoken, ['This is a test of the alert channels, sent from the dashboard. No one needs help.'], 'the speaker said the test sentence');

  // A port that was just free: nothing answers there.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  conforms(t, await owner.request('PUT', '/api/v1/alert-channels', { webhooks: { targets: [{ url: refusing.url, format: 'gotify', minSeverity: 'info', token: 'wrong-token' }, { url: `http://127.0.0.1:${closedPort}/x`, format: 'ntfy', minSeverity: 'info' }] } }), 'PUT');
  const failed = await test('webhook');
  t.equal(failed.outcome, 'failed');
  t.same(failed.targets?.map((r) => r.message), [`Push to 127.0.0.1:${new URL(refusing.url).port} was refused with HTTP 401: the token is wrong or missing.`, `Push to 127.0.0.1:${closedPort} failed: nothing answers at that address.`], 'each address says why, in words');
  t.equal(refusing.received.length, 1, 'a test is tried once, not retried for minutes');
  t.equal(refusing.received[0]?.headers['x-gotify-key'], 'wrong-token', 'Gotify got its application token');
  t.match(JSON.parse(refusing.received[0]?.body ?? '{}'), { title: TEST_TITLE });
  t.match(failed.message, /^2 of 2 addresses failed\./);

  conforms(t, await owner.request('PUT', '/api/v1/alert-channels', { speech: { enabled: false, device: '', voice: 'en', minSeverity: 'warning' }, mqtt: { enabled: false } }), 'PUT off');
  t.same(await test('speech'), { channel: 'speech', outcome: 'no_recipient', message: 'The hub’s speaker is switched off: turn it on to hear alerts.' });
  t.same(await test('mqtt'), { channel: 'mqtt', outcome: 'no_recipient', message: 'Alerts on MQTT are switched off: turn them on for home automation to hear alerts.' });
});

t.test('what the household must correct is said in a sentence', async (t) => {
  const server = await ntfyServer(t);
  const elsewhere = await ntfyServer(t);
  const { owner } = await channelsHub(t);
  const saved = conforms(t, await owner.request('PUT', '/api/v1/alert-channels', { webhooks: { targets: [{ url: server.url, format: 'ntfy', minSeverity: 'info', token: NTFY_TOKEN }] } }), 'PUT');
  const id = saved.webhooks.targets[0]?.id ?? '';
  const speech = { enabled: true, device: '', voice: 'en', minSeverity: 'warning' };
  const refused: [string, unknown, string][] = [
    ['an address without a scheme', { webhooks: { targets: [{ url: 'ntfy.sh/topic', format: 'ntfy', minSeverity: 'info' }] } }, 'The push address must be a web address starting with https:// or http://, like https://ntfy.sh/your-topic.'],
    ['an empty address', { webhooks: { targets: [{ url: ' ', format: 'ntfy', minSeverity: 'info' }] } }, 'The push address is empty: type a web address like https://ntfy.sh/your-topic.'],
    ['a password in the address', { webhooks: { targets: [{ url: 'https://me:secret@ntfy.sh/topic', format: 'ntfy', minSeverity: 'info' }] } }, 'The push address cannot hold a user name or password: put an access token in the token field instead.'],
    ['an address twice', { webhooks: { targets: [{ url: server.url, format: 'ntfy', minSeverity: 'info' }, { url: server.url, format: 'ntfy', minSeverity: 'info' }] } }, 'Push address 2 is listed twice: remove one of them.'],
    ['a token moved to another server', { webhooks: { targets: [{ id, url: elsewhere.url, format: 'ntfy', minSeverity: 'info' }] } }, `The push address now goes to another server (127.0.0.1:${new URL(elsewhere.url).port}): type its token again, or remove the token.`],
    ['an address that is gone', { webhooks: { targets: [{ id: 'push-gone', url: server.url, format: 'ntfy', minSeverity: 'info' }] } }, 'The push address was changed elsewhere meanwhile: reload the page and try again.'],
    ['a token with a space', { webhooks: { targets: [{ url: server.url, format: 'ntfy', minSeverity: 'info', token: 'two words' }] } }, 'A token holds letters, digits and signs, without spaces. Type it again, or remove it.'],
    ['a voice that is an option', { speech: { ...speech, voice: '--help' } }, 'The voice is an espeak-ng voice name such as en, en-gb or de: up to 32 letters, digits and the signs + - _, starting with a letter or digit.'],
    ['a sound device that is an option', { speech: { ...speech, device: '-Dnull' } }, 'The sound device is an ALSA name such as plughw:1,0 or default, without spaces, and cannot start with a dash. Leave it empty to only save sound files.'],
    ['quiet hours at 25 o’clock', { quietHours: { enabled: true, start: '25:00', end: '07:00', hold: ['info'] } }, 'Quiet hours start at a time written as HH:MM, like 22:00.'],
    ['quiet hours of no length', { quietHours: { enabled: true, start: '07:00', end: '07:00', hold: ['info'] } }, 'Quiet hours start and end at the same time: choose two different times, or turn quiet hours off.'],
    ['escalation after no time', { escalation: { afterMinutes: 0, pushAddresses: {} } }, 'Caregivers are told after 1 minute to 7 days (10080 minutes) without an acknowledgement.'],
    ['a caregiver of nobody', { escalation: { afterMinutes: 15, pushAddresses: { zoe: ['https://ntfy.sh/zoe'] } } }, 'There is no one called zoe in the household: reload the page and try again.'],
    ['a caregiver’s address that is not one', { escalation: { afterMinutes: 15, pushAddresses: { alex: ['mailto:carer@example.org'] } } }, 'A caregiver push address for Alex must be a web address starting with https:// or http://, like https://ntfy.sh/your-topic.'],
  ];
  for (const [what, body, message] of refused) {
    const answer = await owner.request('PUT', '/api/v1/alert-channels', body);
    t.equal(answer.status, 400, `${what}: 400`);
    t.same(answer.body, { error: 'invalid_channel_settings', message }, `${what}: said in words`);
  }
  const unchanged = conforms(t, await owner.get('/api/v1/alert-channels'), 'GET after the refusals');
  t.same(unchanged.webhooks, saved.webhooks, 'nothing refused was saved');
  t.equal(unchanged.speech.from, 'file');

  const badShape = await owner.request('PUT', '/api/v1/alert-channels', { webhooks: { targets: [{ url: server.url, format: 'pushover', minSeverity: 'info' }] } });
  t.equal(badShape.status, 400, 'an unknown format is refused by the schema');
  t.equal((badShape.body as { error: string }).error, 'invalid_request');
  t.equal((await owner.request('PUT', '/api/v1/alert-channels', {})).status, 400, 'an empty change is refused');
  t.equal((await owner.post('/api/v1/alert-channels/test', { channel: 'pigeon' })).status, 400, 'there is no such channel to test');
});

t.test('only the owner reads, changes and tests the alert channels', async (t) => {
  const spoken: string[] = [];
  const { hub, owner } = await channelsHub(t, { spoken });
  const alex = await addUser(owner, { username: 'alex-member', role: 'member', personId: 'alex' });
  const carer = await addUser(owner, { username: 'carer', role: 'caregiver', grants: ['sam'] });
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: ['alex'] });
  const token = async (body: { scopes: string[]; personIds?: string[] }): Promise<ApiClient> => {
    const made = await owner.post('/api/v1/tokens', { name: 'channels', ...body });
    const client = new ApiClient(hub.base);
    client.token = (made.body as { token: string }).token;
    return client;
  };
  const refused: [string, ApiClient, number][] = [
    ['nobody signed in', new ApiClient(hub.base), 401],
    ['a member', alex, 403],
    ['a caregiver', carer, 403],
    ['a viewer', viewer, 403],
    ['an owner token to read and write', await token({ scopes: ['read', 'write'] }), 403],
    ['an owner admin token limited to Alex', await token({ scopes: ['read', 'write', 'admin'], personIds: ['alex'] }), 403],
  ];
  const forged = new ApiClient(hub.base);
  forged.token = 'hth_not_a_token_of_this_hub';
  refused.push(['a token of no one', forged, 401]);
  const change = { speech: { enabled: false, device: '', voice: 'en', minSeverity: 'critical' } };
  for (const [who, client, status] of refused) {
    t.equal((await client.get('/api/v1/alert-channels')).status, status, `${who} cannot read them`);
    t.equal((await client.request('PUT', '/api/v1/alert-channels', change)).status, status, `${who} cannot change them`);
    t.equal((await client.post('/api/v1/alert-channels/test', { channel: 'speech' })).status, status, `${who} cannot send a test`);
  }
  t.same(spoken, [], 'no refused test reached the speaker');
  t.equal(conforms(t, await owner.get('/api/v1/alert-channels'), 'GET').speech.from, 'file', 'nothing refused changed a setting');
  const admin = await token({ scopes: ['read', 'write', 'admin'] });
  t.equal((await admin.request('PUT', '/api/v1/alert-channels', change)).status, 200, 'an owner’s admin token for the household may');
});

t.test('without the alerts engine the routes say so', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const answer = await owner.get('/api/v1/alert-channels');
  t.equal(answer.status, 503);
  t.same(answer.body, { error: 'alerts_unavailable', message: 'the alerts engine is not running on this hub' });
});
