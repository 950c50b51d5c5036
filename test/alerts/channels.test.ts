import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import t from 'tap';
import type { AlertRecord } from '../../hub/alerts/alert-record.js';
import { EspeakSpeaker } from '../../hub/alerts/espeak-speaker.js';
import { SpeechChannel } from '../../hub/alerts/speech-channel.js';
import { WebhookSender } from '../../hub/alerts/webhook-sender.js';
import { ManualClock } from '../../core/clock.js';
import { startAlertsHub } from './helpers/alerts-hub.js';

/** A push server on 127.0.0.1 answering with the given statuses in turn, then 200. */
async function pushServer(t: { teardown(fn: () => unknown): void }, statuses: number[]): Promise<{ url: string; received: { headers: IncomingMessage['headers']; body: string }[] }> {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hearth`, received };
}

/** A logger whose lines the test can read. */
function capturedLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk.toString('utf8')), done()) });
  return { logger: pino({ level: 'info' }, stream), lines: () => chunks.join('').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const retry = { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 };
const push = { title: 'Oxygen level low — Zoë', message: "Zoë's oxygen level is 86 percent.", severity: 'critical' as const, urgent: false, tags: ['critical', 'spo2_low'] };

t.test('a push is retried with backoff until the server takes it', async (t) => {
  const server = await pushServer(t, [503, 502]);
  const delays: number[] = [];
  const sender = new WebhookSender({ retry, timeoutMs: 2000, signal: new AbortController().signal, sleep: async (ms) => void delays.push(ms), random: () => 0.5 });
  await sender.send({ url: server.url, format: 'ntfy' }, push);
  t.equal(server.received.length, 3, 'failed twice, then delivered');
  t.same(delays, [3.75, 7.5], 'exponential backoff with jitter between attempts');
  const last = server.received[2];
  t.equal(last?.body, push.message);
  t.equal(last?.headers['priority'], '5');
  t.equal(last?.headers['title'], `=?UTF-8?B?${Buffer.from(push.title).toString('base64')}?=`, 'a title outside ASCII is encoded as ntfy expects');
});

t.test('a push gives up after the bounded attempts, and never retries a refusal', async (t) => {
  const down = await pushServer(t, [500, 500, 500, 500, 500]);
  const sender = new WebhookSender({ retry, timeoutMs: 2000, signal: new AbortController().signal });
  await t.rejects(sender.send({ url: down.url, format: 'ntfy' }, push), /push to 127\.0\.0\.1:\d+ was refused with HTTP 500 \(gave up after 4 attempts\)/);
  t.equal(down.received.length, 4);
  const wrongToken = await pushServer(t, [401]);
  await t.rejects(sender.send({ url: wrongToken.url, format: 'gotify', token: 'app-token' }, push), /HTTP 401: the token is wrong or missing$/);
  t.equal(wrongToken.received.length, 1, 'a 401 will not change by asking again');
  t.equal(wrongToken.received[0]?.headers['x-gotify-key'], 'app-token');
  t.match(JSON.parse(wrongToken.received[0]?.body ?? '{}'), { title: push.title, message: push.message, priority: 10 });
});

t.test("the household's push address hears a new alert even when its server fails twice", async (t) => {
  const server = await pushServer(t, [503, 503]);
  const clock = new ManualClock(Date.UTC(2024, 4, 14, 12, 0));
  const hub = await startAlertsHub({
    clock,
    alerts: { webhooks: [{ url: server.url, format: 'ntfy', minSeverity: 'warning' }], dashboardUrl: 'http://hearth.local:8080', webhookRetry: { attempts: 5, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000 } },
  });
  t.teardown(() => hub.stop());
  hub.hub.context.ingest.submit({ deviceId: 'thermo-sam', readings: [{ metric: 'body_temperature', value: 38.9, ts: clock.now() }] });
  await hub.alerts.settled();
  const [alert] = hub.alerts.engine.openAlerts();
  t.equal(server.received.length, 3);
  t.equal(server.received[2]?.body, `${alert?.spoken ?? ''}\nhttp://hearth.local:8080/alerts/${alert?.id ?? ''}`, 'the spoken sentence and a link to the alert');
  t.equal(server.received[2]?.headers['priority'], '4');
});

function sampleAlert(id: string): AlertRecord {
  return { id, key: `spo2_low/person:alex`, rule: 'spo2_low', personId: 'alex', severity: 'critical', title: 'Oxygen level low', spoken: "Alex's oxygen level is 86 percent.", explanation: '', data: {}, state: 'notified', raisedAt: 0, occurrences: 1, lastTriggeredAt: 0, held: false, repeats: 0 };
}

t.test('without a working audio device the sentence is written to a WAV file and the failure logged once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-speech-'));
  const log = capturedLogger();
  const speaker = new EspeakSpeaker({ dir, device: 'hearth_no_such_device', voice: 'en', logger: log.logger });
  const channel = new SpeechChannel(speaker, () => ({ enabled: true, minSeverity: 'warning', audible: true, voice: 'en', device: 'hearth_no_such_device' }), log.logger);
  t.equal(await channel.deliver(sampleAlert('al-1'), { kind: 'notify' }), true);
  t.equal(await channel.deliver(sampleAlert('al-2'), { kind: 'repeat' }), true);
  for (const id of ['al-1', 'al-2']) {
    const wav = readFileSync(join(dir, `${id}.wav`));
    t.equal(wav.subarray(0, 4).toString('latin1'), 'RIFF');
    t.equal(wav.subarray(8, 12).toString('latin1'), 'WAVE');
    t.ok(wav.length > 10_000, `${id}.wav holds speech (${wav.length} bytes)`);
  }
  const warnings = log.lines().filter((l) => l['msg'] === 'speech playback failed; spoken alerts are written to WAV files only');
  t.equal(warnings.length, 1, 'logged once, not at every alert');
  t.notOk(JSON.stringify(log.lines()).includes('Alex'), 'the sentence itself is not logged');
  t.equal(await channel.deliver(sampleAlert('al-3'), { kind: 'update', change: 'acknowledged' }), false, 'nothing to say about an acknowledgement');
});

t.test('a speech engine that cannot run fails the delivery, never the hub', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-speech-'));
  const log = capturedLogger();
  const speaker = new EspeakSpeaker({ dir, device: '', voice: 'en', logger: log.logger, run: () => Promise.reject(new Error('espeak-ng could not run: spawn espeak-ng ENOENT')) });
  const channel = new SpeechChannel(speaker, () => ({ enabled: true, minSeverity: 'warning', audible: false, voice: 'en', device: '' }), log.logger);
  await t.rejects(channel.deliver(sampleAlert('al-1'), { kind: 'notify' }), /ENOENT/);
  await t.rejects(channel.deliver(sampleAlert('al-2'), { kind: 'notify' }), /ENOENT/);
  t.equal(log.lines().filter((l) => l['level'] === 50).length, 1, 'one error in the log for a run of failures');
});
