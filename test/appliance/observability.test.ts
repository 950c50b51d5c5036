import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { WriterStats } from '../../hub/store/index.js';
import { observabilityPartFactory } from '../../hub/observability/observability-part.js';
import type { ServiceNotifier } from '../../hub/observability/sd-notify.js';
import { Watchdog, type Timers } from '../../hub/observability/watchdog.js';
import { WriterProgress } from '../../hub/observability/writer-progress.js';
import { silentLogger } from '../../hub/log/logger.js';
import { freePort, startHubProcess, waitFor } from '../helpers/hub-process.js';
import { applianceHub, sample } from './appliance-hub.js';

function recordingNotifier(): ServiceNotifier & { readonly sent: string[] } {
  const sent: string[] = [];
  return { active: true, sent, notify: async (state) => void sent.push(state) };
}

t.test('/metrics reports readings in and rejected by reason, the writer, devices, sockets and the process', async (t) => {
  const notifier = recordingNotifier();
  const hub = applianceHub(mkdtempSync(join(tmpdir(), 'hearth-metrics-')), { consumers: [observabilityPartFactory({ notifier })] });
  await hub.start();
  t.teardown(() => hub.stop());
  t.same(notifier.sent, ['READY=1'], 'systemd told the hub is ready once it listens');
  hub.context.ingest.submit({ deviceId: 'kit', readings: [{ metric: 'heart_rate', value: 61 }, { metric: 'heart_rate', value: 62 }, { metric: 'spo2', value: 140 }] });
  await hub.store.writer.flushed();
  hub.bus.emit('device.availability', { deviceId: 'kit', available: true, ts: Date.now() });
  hub.bus.emit('device.availability', { deviceId: 'cuff', available: false, ts: Date.now() });
  hub.bus.emit('alert.changed', { id: 'a1', severity: 'warning', title: 't', spoken: 's', explanation: 'e', state: 'raised', change: 'raised', ts: Date.now() });

  const response = await fetch(`${hub.listeningAddress}/metrics`);
  t.equal(response.status, 200);
  t.match(response.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  t.equal(sample(text, 'hearth_readings_accepted_total{metric="heart_rate"}'), 2);
  t.equal(sample(text, 'hearth_readings_rejected_total{reason="implausible"}'), 1);
  t.equal(sample(text, 'hearth_store_written_total'), 2);
  t.equal(sample(text, 'hearth_store_queue_depth'), 0);
  t.ok((sample(text, 'hearth_store_flush_seconds_count') ?? 0) >= 1, 'each commit lands in the flush histogram');
  t.ok((sample(text, 'hearth_store_file_bytes') ?? 0) > 0);
  t.equal(sample(text, 'hearth_devices{state="available"}'), 1);
  t.equal(sample(text, 'hearth_devices{state="unavailable"}'), 1);
  t.equal(sample(text, 'hearth_alerts_total{severity="warning",change="raised"}'), 1);
  t.equal(sample(text, 'hearth_store_write_failing'), 0);
  t.ok((sample(text, 'process_resident_memory_bytes') ?? 0) > 1e6, 'RSS');
  t.match(text, /^hearth_event_loop_lag_seconds\{stat="p99"\} /m);
  t.match(text, /^# HELP hearth_inference_seconds /m, 'inference latency, fed by the inference part');
  t.notMatch(text, /Alex/, 'no names in the metrics');

  await hub.stop();
  t.same(notifier.sent, ['READY=1', 'STOPPING=1'], 'systemd told the hub is stopping');
});

t.test("Prometheus's own linter passes the live /metrics: counters are counters, every series has its help", async (t) => {
  const hub = applianceHub(mkdtempSync(join(tmpdir(), 'hearth-metrics-')), { consumers: [observabilityPartFactory({ notifier: recordingNotifier() })] });
  await hub.start();
  t.teardown(() => hub.stop());
  hub.context.ingest.submit({ deviceId: 'kit', readings: [{ metric: 'heart_rate', value: 61 }, { metric: 'heart_rate', value: 61 }, { metric: 'spo2', value: 140 }] });
  await hub.store.writer.flushed();
  const scrape = async (): Promise<string> => (await fetch(`${hub.listeningAddress}/metrics`)).text();
  const text = await scrape();

  const lint = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  t.equal(lint.error, undefined, 'promtool runs (Debian package prometheus)');
  t.equal(`${lint.stdout}${lint.stderr}`, '', 'promtool finds nothing to complain about');
  t.equal(lint.status, 0);
  for (const name of ['written', 'duplicates', 'flushes', 'failed_flushes', 'dropped']) {
    t.match(text, new RegExp(`^# TYPE hearth_store_${name}_total counter$`, 'm'), `hearth_store_${name}_total is a counter`);
  }

  hub.context.ingest.submit({ deviceId: 'kit', readings: [{ metric: 'heart_rate', value: 63 }] });
  await hub.store.writer.flushed();
  const later = await scrape();
  t.equal(sample(later, 'hearth_store_written_total'), (sample(text, 'hearth_store_written_total') ?? 0) + 1, 'the counter follows the writer between scrapes');
  t.ok((sample(later, 'hearth_store_flushes_total') ?? 0) > (sample(text, 'hearth_store_flushes_total') ?? 0));
});

t.test('with token access, /metrics refuses a scrape without a valid API token', async (t) => {
  const hub = applianceHub(mkdtempSync(join(tmpdir(), 'hearth-metrics-')), {
    consumers: [observabilityPartFactory({ notifier: recordingNotifier() })],
    config: { observability: { enabled: true, metrics: { access: 'token' }, watchdog: { maxLagMs: 5000, maxFlushWaitMs: 30_000 } } },
  });
  await hub.start();
  t.teardown(() => hub.stop());
  const bare = await fetch(`${hub.listeningAddress}/metrics`);
  t.equal(bare.status, 401);
  t.match(await bare.json(), { message: /API token with the read scope/ });
  const wrong = await fetch(`${hub.listeningAddress}/metrics`, { headers: { authorization: 'Bearer hth_not-a-token' } });
  t.equal(wrong.status, 401);
});

t.test('the watchdog pings while the writer commits and withholds pings once it is stuck', async (t) => {
  const notifier = recordingNotifier();
  let now = 0;
  let stats: WriterStats = { queued: 0, written: 0, duplicates: 0, expired: 0, rejected: 0, flushes: 0, failedFlushes: 0, lastFlushMs: 0, lastBatchSize: 0, totalFlushMs: 0, dropped: 0, lastError: null };
  const progress = new WriterProgress(() => stats, () => now, 30_000);
  let tick: () => void = () => undefined;
  const timers: Timers = { setInterval: (callback) => ((tick = callback), 1), clearInterval: () => undefined };
  const watchdog = new Watchdog(notifier, () => progress.check(), 1000, silentLogger(), timers);
  watchdog.start();
  for (let i = 0; i < 10; i++) {
    now += 10_000;
    stats = { ...stats, queued: 50, flushes: stats.flushes + 1 };
    tick();
  }
  t.equal(notifier.sent.length, 10, 'a ping per healthy tick');
  // Disk full: every attempt fails, but the writer is trying; a restart would not help.
  for (let i = 0; i < 5; i++) {
    now += 10_000;
    stats = { ...stats, failedFlushes: stats.failedFlushes + 1, lastError: 'SQLITE_FULL' };
    tick();
  }
  t.equal(notifier.sent.length, 15, 'a writer that keeps retrying is alive');
  for (let i = 0; i < 5; i++) {
    now += 10_000;
    tick();
  }
  t.equal(notifier.sent.length, 18, 'pings stop once readings wait past the limit with no commit attempt');
  t.equal(watchdog.missed, 2, 'the ticks past 30 s without an attempt');
  now += 10_000;
  stats = { ...stats, flushes: stats.flushes + 1, queued: 0 };
  tick();
  t.equal(notifier.sent.length, 19, 'and resume when it commits again');
});

t.test('under systemd the real hub sends READY, WATCHDOG and STOPPING through systemd-notify', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-notify-'));
  const socket = join(dir, 'notify.sock');
  // socat stands in for systemd's notification socket: it prints every datagram it receives.
  const listener = spawn('socat', ['-u', `UNIX-RECV:${socket}`, 'STDOUT'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let received = '';
  listener.stdout.on('data', (chunk: Buffer) => (received += `${chunk.toString()}\n`));
  t.teardown(() => void listener.kill('SIGKILL'));
  await waitFor('the notify socket', async () => ((await import('node:fs')).existsSync(socket) ? true : undefined));
  const port = await freePort();
  const hub = startHubProcess(
    { HEARTH_DATA_DIR: dir, HEARTH_MQTT_PORT: String(await freePort()), NOTIFY_SOCKET: socket, WATCHDOG_USEC: '2000000', HEARTH_CONFIG: '' },
    port,
  );
  t.teardown(() => void hub.child.kill('SIGKILL'));
  await waitFor('READY=1', async () => (received.includes('READY=1') ? true : undefined), 30_000);
  await waitFor('two watchdog pings', async () => ((received.match(/WATCHDOG=1/g) ?? []).length >= 2 ? true : undefined), 30_000);
  t.match(received, new RegExp(`MAINPID=${hub.child.pid}`), 'sent on behalf of the hub');
  hub.child.kill('SIGTERM');
  t.equal(await hub.exited, 0, hub.output());
  t.match(received, /STOPPING=1/);
});
