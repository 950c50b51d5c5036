import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';
import { DataDirectoryInUseError, DataDirectoryLock, holdingDataDirectory, PID_FILE } from '../../hub/daemon/data-dir-lock.js';
import { Hub } from '../../hub/daemon/hub.js';
import { HubLogging } from '../../hub/log/logger.js';
import { freePort, getJson, runCli, startHubProcess, waitFor, type RunningHub } from '../helpers/hub-process.js';

const QUIET = { HEARTH_LOG_LEVEL: 'silent', HEARTH_MQTT_PORT: '0' };

/** A data directory with a config that leaves out what these tests do not need (quicker starts). */
function dataDirectory(prefix: string): { dataDir: string; env: Record<string, string> } {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const config = join(dataDir, 'hearth.yaml');
  writeFileSync(config, 'version: 1\nsimulation:\n  enabled: false\ninference:\n  enabled: false\n');
  return { dataDir, env: { HEARTH_DATA_DIR: dataDir, HEARTH_CONFIG: config, ...QUIET } };
}

/** A hub process starts slowly on a busy two-core box; the bound only keeps a hung start from hanging the suite. */
const START_BOUND_MS = 120_000;
// Several hub starts in this file, each allowed its bound: more than the suite's five minutes per file.
t.setTimeout(600_000);

async function answering(hub: RunningHub): Promise<void> {
  await waitFor('the hub to answer', async () => ((await getJson(hub.port, '/api/v1/health')).status === 200 ? true : undefined), START_BOUND_MS);
}

/**
 * What a `hearth run` on a directory in use does: exits on its own, or is found answering on its
 * port. Whichever comes first decides; a start that does neither within the bound fails the test.
 */
async function contestedRun(env: Record<string, string>): Promise<{ code: number | null; output: string } | 'running'> {
  const port = await freePort();
  const second = startHubProcess(env, port);
  let exited = false;
  const answered = waitFor(
    'the second hub to exit or answer',
    async () => {
      if (exited) return 'exited' as const;
      return (await getJson(port, '/api/v1/health')).status === 200 ? ('running' as const) : undefined;
    },
    START_BOUND_MS,
  );
  const code = second.exited.then((c) => {
    exited = true;
    return { code: c, output: second.output() };
  });
  try {
    const first = await Promise.race([code, answered]);
    if (first !== 'exited') return first;
    return await code;
  } finally {
    second.child.kill('SIGKILL');
    await second.exited;
    await answered.catch(() => undefined);
  }
}

function quietHub(dataDir: string): Hub {
  const config = { ...DEFAULT_CONFIG, dataDir, http: { host: '127.0.0.1', port: 0 } };
  return new Hub({ config, logging: new HubLogging({ level: 'silent' }), parts: { consumers: [], sources: [] } });
}

t.test('a second hub on a data directory in use is refused with one line naming the first; stats and backup still work, restore does not', async (t) => {
  const { dataDir, env } = dataDirectory('hearth-lock-');
  const first = startHubProcess(env, await freePort());
  t.teardown(() => void first.child.kill('SIGKILL'));
  await answering(first);

  const second = await contestedRun(env);
  if (second === 'running') {
    t.fail('the second hub runs alongside the first');
    return;
  }
  t.equal(second.code, 1, 'the second hub exits with status 1');
  const lines = second.output.trim().split('\n');
  t.equal(lines.length, 1, 'one line, no stack trace');
  t.match(lines[0], `hearth: cannot start: another hub is running on ${dataDir} (pid ${first.child.pid}: `);
  t.match(lines[0], /dist\/hub\/cli\/main\.js run\); stop it first/, 'the holder named by its command');

  const stats = await runCli(['stats', '--data-dir', dataDir]);
  t.equal(stats.code, 0, `stats runs beside the hub ${stats.stderr}`);
  const backup = await runCli(['backup', '--data-dir', dataDir, '--dir', join(dataDir, 'snapshots')]);
  t.equal(backup.code, 0, `backup runs beside the hub ${backup.stderr}`);
  const snapshot = (JSON.parse(backup.stdout) as { file: string }).file;
  t.ok(existsSync(snapshot), 'the snapshot is written');

  const refusal = `hearth restore: a hub is running on ${dataDir} (pid ${first.child.pid}: `;
  const local = await runCli(['restore', snapshot, '--data-dir', dataDir], env);
  t.equal(local.code, 1, 'restoring a snapshot beside the hub is refused');
  t.equal(local.stderr.trim().split('\n').length, 1, `in one line: ${local.stderr}`);
  t.match(local.stderr, refusal);
  t.match(local.stderr, /stop it first/);
  // Refused before the passphrase is stretched or the relay asked: the address here answers nothing.
  const relay = await runCli(['restore', '--relay', 'https://127.0.0.1:9', '--data-dir', dataDir], { ...env, HEARTH_RECOVERY_PASSPHRASE: 'correct horse battery staple rides again' });
  t.equal(relay.code, 1, 'restoring from the relay beside the hub is refused');
  t.match(relay.stderr, refusal);

  first.child.kill('SIGTERM');
  t.equal(await first.exited, 0);
  t.notOk(existsSync(join(dataDir, PID_FILE)), 'a clean stop takes its pid file away');
  const stopped = await runCli(['restore', snapshot, '--data-dir', dataDir], env);
  t.equal(stopped.code, 0, `with the hub stopped the snapshot is restored ${stopped.stderr}`);
  t.notOk(existsSync(join(dataDir, PID_FILE)), 'and the restore lets the directory go');
});

t.test('a hub does not start on a directory a restore holds: the refusal names the holder', async (t) => {
  const { dataDir, env } = dataDirectory('hearth-lock-held-');
  await holdingDataDirectory(dataDir, async () => {
    const run = await contestedRun(env);
    if (run === 'running') {
      t.fail('the hub started on a held directory');
      return;
    }
    t.equal(run.code, 1);
    t.match(run.output.trim(), `hearth: cannot start: another hub is running on ${dataDir} (pid ${process.pid}: `);
  });
  const after = startHubProcess(env, await freePort());
  t.teardown(() => void after.child.kill('SIGKILL'));
  await answering(after);
  after.child.kill('SIGTERM');
  t.equal(await after.exited, 0, 'once let go, the directory takes a hub');
});

t.test('a hub started from code is refused the same way, and the directory is free once it stops', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-lock-code-'));
  const first = quietHub(dataDir);
  await first.start();
  const second = quietHub(dataDir);
  await t.rejects(second.start(), new DataDirectoryInUseError(dataDir, `pid ${process.pid}, this process`));
  t.equal(second.listeningAddress, undefined, 'the refused hub opened nothing');
  await first.stop();
  const third = quietHub(dataDir);
  await third.start();
  t.ok(third.listeningAddress, 'a hub starts once the first stopped');
  await third.stop();
});

t.test('a hub killed with SIGKILL leaves no lock behind: the next one starts without anyone cleaning up', async (t) => {
  const { dataDir, env } = dataDirectory('hearth-lock-kill-');
  const port = await freePort();
  const killed = startHubProcess(env, port);
  t.teardown(() => void killed.child.kill('SIGKILL'));
  await answering(killed);
  killed.child.kill('SIGKILL');
  await killed.exited;
  t.equal(readFileSync(join(dataDir, PID_FILE), 'utf8').trim(), String(killed.child.pid), 'its pid file is left behind');

  const next = startHubProcess(env, port);
  t.teardown(() => void next.child.kill('SIGKILL'));
  await answering(next);
  t.equal(readFileSync(join(dataDir, PID_FILE), 'utf8').trim(), String(next.child.pid), 'and taken over');
  next.child.kill('SIGTERM');
  t.equal(await next.exited, 0);
});

t.test('the lock within one process: held until released, a stale pid file names nobody', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-lock-unit-'));
  const first = new DataDirectoryLock(dataDir);
  first.acquire();
  t.throws(() => new DataDirectoryLock(dataDir).acquire(), new DataDirectoryInUseError(dataDir, `pid ${process.pid}, this process`));
  first.release();
  // A pid file whose process is gone (here: one that cannot exist) does not keep the next holder out.
  writeFileSync(join(dataDir, PID_FILE), '2147483646\n');
  const next = new DataDirectoryLock(dataDir);
  next.acquire();
  t.equal(readFileSync(join(dataDir, PID_FILE), 'utf8'), `${process.pid}\n`);
  writeFileSync(join(dataDir, PID_FILE), '2147483646\n');
  t.throws(() => new DataDirectoryLock(dataDir).acquire(), { name: 'DataDirectoryInUseError', message: /\(its process id is not known yet\)/ });
  next.release();

  const notADir = join(dataDir, PID_FILE);
  writeFileSync(notADir, 'a file');
  t.throws(() => new DataDirectoryLock(join(notADir, 'data')).acquire(), { name: 'StoreDirectoryError' });
});
