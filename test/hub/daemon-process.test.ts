import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { freePort, getJson, runCli, startHubProcess, waitFor } from '../helpers/hub-process.js';

interface Health {
  status: string;
  writer: { written: number };
}
interface Stats {
  readings: number;
  people: number;
  readingsByMetric: Record<string, number>;
  rejections: { byReason: Record<string, number> };
}

// Four hub processes start in this file; on a busy two-core box that alone can take minutes.
t.setTimeout(600_000);

async function stats(dataDir: string): Promise<Stats> {
  const result = await runCli(['stats', '--data-dir', dataDir]);
  if (result.code !== 0) throw new Error(`stats failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Stats;
}

t.test('the hub serves its health, stores the simulated household, and keeps it over a restart', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-daemon-'));
  const port = await freePort();
  const first = startHubProcess({ HEARTH_DATA_DIR: dataDir }, port);
  t.teardown(() => void first.child.kill('SIGKILL'));
  const health = await waitFor('stored readings', async () => {
    const { status, body } = await getJson(port, '/api/v1/health');
    const report = body as Health;
    return status === 200 && report.writer.written > 0 ? report : undefined;
  });
  t.equal(health.status, 'ok');
  first.child.kill('SIGTERM');
  t.equal(await first.exited, 0, `clean exit on SIGTERM\n${first.output()}`);

  const before = await stats(dataDir);
  t.ok(before.readings > 0, 'readings are on disk after a clean stop');
  t.equal(before.people, 2);
  t.ok((before.readingsByMetric['bp_systolic'] ?? 0) > 0, 'the cuff sent its memory');

  // The cuff and scale re-send their memory on every connection: nothing of it may be stored twice.
  const second = startHubProcess({ HEARTH_DATA_DIR: dataDir }, port);
  t.teardown(() => void second.child.kill('SIGKILL'));
  await waitFor('the hub again', async () => ((await getJson(port, '/api/v1/health')).status === 200 ? true : undefined));
  second.child.kill('SIGTERM');
  t.equal(await second.exited, 0);
  const after = await stats(dataDir);
  t.equal(after.readingsByMetric['bp_systolic'], before.readingsByMetric['bp_systolic'], 'no duplicate blood pressure');
  t.equal(after.readingsByMetric['body_weight'], before.readingsByMetric['body_weight'], 'no duplicate weight');
  t.ok((after.rejections.byReason['duplicate'] ?? 0) >= (before.readingsByMetric['bp_systolic'] ?? 0), 'the re-sent memory was counted as duplicate');
  t.ok(after.readings > before.readings, 'live readings kept arriving');
});

t.test('a hub killed with SIGKILL leaves a database that opens cleanly and keeps what was flushed', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-kill-'));
  const port = await freePort();
  const hub = startHubProcess({ HEARTH_DATA_DIR: dataDir }, port);
  t.teardown(() => void hub.child.kill('SIGKILL'));
  const flushed = await waitFor('a few flushes', async () => {
    const report = (await getJson(port, '/api/v1/health')).body as Health & { writer: { flushes: number } };
    return report.writer.flushes >= 3 ? report.writer.written : undefined;
  });
  hub.child.kill('SIGKILL');
  await hub.exited;
  const db = new Database(join(dataDir, 'hearth.db'));
  t.equal(db.pragma('quick_check', { simple: true }), 'ok');
  // The writer counts a waveform block once, though a long one is stored in several rows.
  const samples = db.prepare('SELECT COUNT(*) FROM sample').pluck().get() as number;
  const blockRows = db.prepare('SELECT COUNT(*) FROM waveform_block').pluck().get() as number;
  db.close();
  t.ok(samples + blockRows >= flushed, `everything committed before the kill is there (${samples} readings + ${blockRows} waveform rows ≥ ${flushed})`);
});

t.test('a taken port and an unwritable data dir stop the hub with a clear message', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-port-'));
  const port = await freePort();
  const holder = startHubProcess({ HEARTH_DATA_DIR: dataDir, HEARTH_CONFIG: '' }, port);
  t.teardown(() => void holder.child.kill('SIGKILL'));
  await waitFor('the first hub', async () => ((await getJson(port, '/api/v1/health')).status === 200 ? true : undefined));
  const clash = await runCli(['run'], { HEARTH_DATA_DIR: mkdtempSync(join(tmpdir(), 'hearth-port2-')), HEARTH_HTTP_PORT: String(port), HEARTH_MQTT_PORT: '0', HEARTH_LOG_LEVEL: 'silent' });
  t.equal(clash.code, 1);
  t.match(clash.stderr, new RegExp(`port ${port} .* already in use`));

  const notADir = join(mkdtempSync(join(tmpdir(), 'hearth-file-')), 'plain-file');
  writeFileSync(notADir, 'not a directory');
  const unwritable = await runCli(['run'], { HEARTH_DATA_DIR: join(notADir, 'data'), HEARTH_HTTP_PORT: String(await freePort()), HEARTH_MQTT_PORT: '0', HEARTH_LOG_LEVEL: 'silent' });
  t.equal(unwritable.code, 1);
  t.match(unwritable.stderr, /cannot start: .*plain-file/);
});

t.test('a config file with an unknown key stops the hub before it starts, naming the key', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-config-'));
  const file = join(dir, 'hearth.yaml');
  writeFileSync(file, 'version: 1\nhttp:\n  prot: 8080\n');
  const result = await runCli(['run', '--config', file], { HEARTH_DATA_DIR: dir });
  t.equal(result.code, 1);
  t.match(result.stderr, /http\.prot: is not a known setting/);
});

t.test('a config file without a version stops the hub and the CLI with one line, not a stack trace', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-config-'));
  const file = join(dir, 'hearth.yaml');
  writeFileSync(file, 'http:\n  port: 9000\n');
  const run = await runCli(['run', '--config', file], { HEARTH_DATA_DIR: dir });
  t.equal(run.code, 1);
  t.equal(run.stderr.trim(), 'hearth: config: version is missing: every config file starts with `version: <number>`');
  const stats = await runCli(['stats', '--config', file]);
  t.equal(stats.code, 2, 'a config the user must fix is a usage error for the commands');
  t.match(stats.stderr, /^hearth stats: config: version is missing/);
  t.notMatch(stats.stderr, /\n\s+at /, 'no stack trace');
});
