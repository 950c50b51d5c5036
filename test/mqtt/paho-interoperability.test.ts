import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { startMqttHub } from './helpers/mqtt-hub.js';

/**
 * The Eclipse Paho interoperability suite for MQTT 3.1.1 (`client_test.py`, from
 * ../shared/tools/paho-mqtt-testing) against the embedded broker as the hub runs it, through the
 * wrapper test/mqtt/paho/run_paho.py (see test/mqtt/paho/README.md). The suite's clients use one
 * gateway credential, whose rights are `home/paho/#`, and the wrapper puts the suite's topics
 * there. `test_dollar_topics` is left out, as the suite says to for a broker that closes `$` topics.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = here.includes('/dist/') ? resolve(here, '../../..') : resolve(here, '../..');
const WRAPPER = resolve(repoRoot, 'test/mqtt/paho/run_paho.py');
const SUITE_DIR = process.env['PAHO_SUITE_DIR'] ?? resolve(repoRoot, '../shared/tools/paho-mqtt-testing/interoperability');
/** Debian's, as the Makefile installs it (the suite needs only the standard library). */
const PYTHON = '/usr/bin/python3';
const SUITE_TIMEOUT_MS = 240_000;

interface PahoSummary {
  readonly counts: Readonly<Record<'pass' | 'fail' | 'error' | 'skip', number>>;
  readonly cases: Readonly<Record<string, 'pass' | 'fail' | 'error' | 'skip'>>;
}

async function runSuite(args: readonly string[], password: string): Promise<{ code: number | null; lines: string[]; output: string }> {
  const child = spawn(PYTHON, [WRAPPER, '--suite-dir', SUITE_DIR, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PAHO_PASSWORD: password } });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), SUITE_TIMEOUT_MS);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  clearTimeout(timer);
  return { code, lines: output.split('\n').filter((line) => line.startsWith('PAHO ')), output };
}

t.test('the Paho MQTT 3.1.1 interoperability suite passes against the embedded broker', async (t) => {
  t.ok(existsSync(resolve(SUITE_DIR, 'client_test.py')), `the Paho suite is at ${SUITE_DIR}`);
  const hub = await startMqttHub();
  t.teardown(() => hub.stop());
  const { username, password } = await hub.credential({ name: 'paho', role: 'gateway', deviceId: 'paho' });
  const run = await runSuite(['--suite', '3.1.1', '--host', '127.0.0.1', '--port', String(hub.port), '--username', username, '--prefix', 'home/paho', '--skip', 'test_dollar_topics'], password);
  const summaryLine = run.lines.find((line) => line.startsWith('PAHO SUMMARY '));
  if (summaryLine === undefined) {
    t.fail('the wrapper printed no summary', { output: run.output.slice(-4000) });
    return;
  }
  const summary = JSON.parse(summaryLine.slice('PAHO SUMMARY '.length)) as PahoSummary;
  const cases = Object.entries(summary.cases);
  t.ok(cases.length >= 9, `the suite ran its cases (${cases.length})`);
  for (const [name, outcome] of cases) {
    if (name === 'test_dollar_topics') t.equal(outcome, 'skip', `${name} is left out`);
    else t.equal(outcome, 'pass', `${name}: ${run.lines.find((line) => line.includes(` ${name}`)) ?? outcome}`);
  }
  t.equal(run.code, 0, 'the wrapper exits 0', run.code === 0 ? {} : { output: run.output.slice(-4000) });
});
