import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { lanAddresses } from '../../hub/cli/dashboard-line.js';
import { CLI, freePort, runCli, waitFor } from '../helpers/hub-process.js';

// Two hub processes start in this file; on a busy two-core box each can take most of a minute.
t.setTimeout(300_000);

/** What the hub writes when it starts, as a person running `hearth run` would see it. */
interface Run {
  readonly stdout: () => string;
  readonly exited: Promise<number | null>;
  readonly stop: () => void;
}

/** The environment of a terminal outside systemd, whatever the test runner's is. */
function hubEnv(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HEARTH_DATA_DIR: mkdtempSync(join(tmpdir(), 'hearth-terminal-')), HEARTH_HTTP_PORT: String(port), HEARTH_MQTT_PORT: '0', HEARTH_LOG_LEVEL: 'info' };
  for (const name of ['JOURNAL_STREAM', 'INVOCATION_ID', 'NO_COLOR', 'HEARTH_LOG_FORMAT', 'HEARTH_CONFIG']) delete env[name];
  return env;
}

/**
 * `hearth run` in a real pseudo-terminal (util-linux `script`); stopped with Ctrl-C typed into it, as
 * a person does. `script` starts it through `$SHELL -c`; `exec` leaves the hub alone in the
 * terminal's foreground, as a person's interactive shell does, where dash (Debian's `sh`) would
 * stay in it, die of the same Ctrl-C and report 130 whatever the hub did.
 */
function runInTerminal(port: number): Run {
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', `exec ${process.execPath} ${CLI} run`, '/dev/null'], { env: hubEnv(port), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { stdout: () => stdout, exited, stop: () => void child.stdin.write('\u0003') };
}

/** `hearth run` with its output piped, as a supervisor or `| tee` has it. */
function runPiped(port: number): Run {
  const child = spawn(process.execPath, [CLI, 'run'], { env: hubEnv(port), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { stdout: () => (stderr === '' ? stdout : `${stdout}\n(stderr) ${stderr}`), exited, stop: () => void child.kill('SIGINT') };
}

/** A terminal's colour codes (ESC [ … m), built from the escape's code so the pattern holds no control character. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);
const DASHBOARD_LINE = /^Hearth is running: open .* in a browser on this network\.$/;

function lines(text: string): string[] {
  return text.replace(new RegExp(ANSI, 'g'), '').replace(/\r/g, '').split('\n').filter((line) => line !== '');
}

/** The plain line names this box's name and every LAN address it has, with the port the hub listens on. */
function checkDashboardLine(t: Test, line: string | undefined, port: number): void {
  t.match(line, DASHBOARD_LINE);
  const expected = [...lanAddresses({ hostname: hostname(), interfaces: networkInterfaces() }).map((a) => `http://${a}:${port}/`)];
  if (!hostname().includes('.') && hostname() !== 'localhost') expected.push(`http://${hostname()}.local:${port}/`);
  for (const address of expected) t.ok(line?.includes(address), `${address} is in the line`);
}

async function started(run: Run): Promise<void> {
  await Promise.race([
    waitFor('the dashboard line', async () => (lines(run.stdout()).some((l) => l.startsWith('Hearth is running')) ? true : undefined)),
    run.exited.then((code) => Promise.reject(new Error(`the hub exited with ${String(code)}: ${run.stdout()}`))),
  ]);
}

t.test('in a terminal: one pretty line per event, the dashboard line, and Ctrl-C stops the hub cleanly', async (t) => {
  const port = await freePort();
  const run = runInTerminal(port);
  t.teardown(() => run.stop());
  await started(run);
  run.stop();
  const code = await run.exited;
  // The exit status and the last lines lead the message: a report that keeps only its start still says why.
  t.equal(code, 0, `a clean exit on Ctrl-C (exit status ${String(code)}; it ended with: ${lines(run.stdout()).slice(-4).join(' | ')})`, { lastLines: lines(run.stdout()).slice(-25) });
  const all = lines(run.stdout()).map((l) => l.replace(/^\^C/, ''));
  t.match(run.stdout(), ANSI, 'coloured, for a terminal');
  const dashboard = all.filter((l) => l.startsWith('Hearth is running'));
  t.equal(dashboard.length, 1);
  checkDashboardLine(t, dashboard[0], port);
  const logged = all.filter((l) => !l.startsWith('Hearth is running'));
  t.notOk(logged.some((l) => l.startsWith('{')), 'no JSON line');
  const event = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] (INFO|WARN|ERROR): [a-z][a-z0-9-]*: \S/;
  // An error's stack would follow on lines of its own; a clean start has none.
  t.same(logged.filter((l) => !event.test(l)), [], 'every line is time, level, part and message');
  for (const message of ['hub: hub started', 'hub: stopping', 'hub: hub stopped']) t.ok(logged.some((l) => l.includes(message)), message);
  t.ok(all.indexOf(dashboard[0] ?? '') > all.findIndex((l) => l.includes('hub: hub started')), 'the dashboard line follows the start');
  t.notMatch(run.stdout(), /"pid"|hostname/, 'no pid or hostname');
});

t.test('piped: JSON lines, and the same plain dashboard line among them', async (t) => {
  const port = await freePort();
  const run = runPiped(port);
  t.teardown(() => run.stop());
  await started(run);
  run.stop();
  const code = await run.exited;
  t.equal(code, 0, `a clean exit on SIGINT (exit status ${String(code)}; it ended with: ${lines(run.stdout()).slice(-4).join(' | ')})`, { lastLines: lines(run.stdout()).slice(-25) });
  const all = lines(run.stdout());
  const dashboard = all.filter((l) => l.startsWith('Hearth is running'));
  t.equal(dashboard.length, 1);
  checkDashboardLine(t, dashboard[0], port);
  const logged = all.filter((l) => !l.startsWith('Hearth is running'));
  const parsed = logged.map((l) => {
    try {
      return JSON.parse(l) as { msg?: string; part?: string };
    } catch {
      return undefined;
    }
  });
  t.same(logged.filter((_, i) => parsed[i] === undefined), [], 'every other line is JSON');
  t.ok(parsed.some((p) => p?.msg === 'hub started' && p.part === 'hub'));
  t.notMatch(run.stdout(), ANSI, 'no colour codes');
});

t.test('an unknown --log-format is refused before anything starts', async (t) => {
  const result = await runCli(['run', '--log-format', 'loud']);
  t.equal(result.code, 2);
  t.match(result.stderr, /--log-format must be one of auto, pretty, json, got "loud"/);
});
