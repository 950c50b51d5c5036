import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CLI, freePort, getJson, waitFor } from '../helpers/hub-process.js';
import { leavesTheBox, tracedAddresses } from './helpers/traced-addresses.js';

/** How long the hub runs under the tracer once it has started. */
const HUB_SECONDS = 60;
/**
 * Loading the models under strace on a busy two-core box (the suite runs two files at once beside
 * other work) can take minutes; the bound only keeps a hung start from hanging the suite.
 */
const START_BOUND_MS = 240_000;
// The minute of running, the start and the stop, with room for a loaded box.
t.setTimeout(HUB_SECONDS * 1000 + START_BOUND_MS + 120_000);

/**
 * Variables under which a library may keep quiet on its own (onnxruntime suppresses its reports on
 * CI runners): the hub must stay quiet without them, so the test runs it without them.
 */
const QUIETING_VARIABLES = [
  'CI',
  'TF_BUILD',
  'GITHUB_ACTIONS',
  'GITLAB_CI',
  'CIRCLECI',
  'TRAVIS',
  'JENKINS_URL',
  'CODEBUILD_BUILD_ID',
  'BUILDKITE',
  'TEAMCITY_VERSION',
  'APPVEYOR',
  'BITBUCKET_BUILD_NUMBER',
  'SYSTEM_TEAMFOUNDATIONCOLLECTIONURI',
  'ORT_DISABLE_TELEMETRY',
  'ORT_RUNNING_UNIT_TESTS',
  'DO_NOT_TRACK',
];

t.test('the trace reader tells loopback from what leaves the box', async (t) => {
  const trace = [
    '14405 connect(29, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
    '14405 sendto(29, "\\203\\310\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\6mobile\\6events\\4data\\t"..., 50, MSG_NOSIGNAL, NULL, 0) = 50',
    '15225 connect(24, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)',
    '14464 connect(29, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("13.69.109.130")}, 16 <unfinished ...>',
    '14500 connect(31, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2603:1020::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH',
    '14659 bind(23, {sa_family=AF_INET, sin_port=htons(18931), sin_addr=inet_addr("0.0.0.0")}, 16) = 0',
    '14700 connect(40, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
    '14701 connect(41, {sa_family=AF_INET6, sin6_port=htons(1883), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
    '14702 connect(42, {sa_family=AF_UNIX, sun_path="/run/systemd/notify"}, 110) = 0',
    '14703 sendto(43, {{nlmsg_len=20, nlmsg_type=RTM_GETADDR}}, 20, 0, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 20',
  ].join('\n');
  const entries = tracedAddresses(trace);
  t.same(
    entries.map((e) => [e.syscall, e.address, leavesTheBox(e) ?? 'stays']),
    [
      ['connect', '10.255.255.53', 'a DNS lookup'],
      ['connect', '/var/run/nscd/socket', 'a name lookup through the local resolver'],
      ['connect', '13.69.109.130', 'a connection beyond loopback'],
      ['connect', '2603:1020::1', 'a connection beyond loopback'],
      ['bind', '0.0.0.0', 'stays'],
      ['connect', '127.0.0.1', 'stays'],
      ['connect', '::1', 'stays'],
      ['connect', '/run/systemd/notify', 'stays'],
    ],
  );
});

t.test(`with the relay off, a hub with its models loaded reaches nothing beyond loopback in ${HUB_SECONDS} s`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-outbound-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const configFile = join(dir, 'hearth.yaml');
  writeFileSync(configFile, 'version: 1\nrelay:\n  enabled: false\ninference:\n  enabled: true\n');
  const traceFile = join(dir, 'trace');
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !QUIETING_VARIABLES.includes(name)) env[name] = value;
  Object.assign(env, {
    HEARTH_DATA_DIR: join(dir, 'data'),
    HEARTH_HTTP_PORT: String(port),
    HEARTH_MQTT_PORT: '0',
    HEARTH_LOG_LEVEL: 'info',
    // Whatever a library keeps about the machine lands here, where the test can look.
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
  });
  // strace rather than a network namespace: it needs no privilege a CI container may lack, and it
  // sees the attempt itself, whether or not the network would have carried it.
  const tracer = spawn(
    'strace',
    ['-f', '-qq', '--seccomp-bpf', '-e', 'trace=connect,sendto,sendmsg,sendmmsg,bind', '-e', 'signal=none', '-o', traceFile, process.execPath, CLI, 'run', '--config', configFile],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  tracer.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  tracer.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => tracer.once('exit', (code) => resolve(code)));
  // strace and the hub share a process group of their own, so that a failed test leaves neither behind.
  t.teardown(() => {
    try {
      if (tracer.pid !== undefined) process.kill(-tracer.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });

  // A tracer that cannot trace (no ptrace in the container) or a hub that does not start ends the
  // wait at once, in their own words; otherwise the wait is bounded only against a hang.
  const gaveUp = exited.then((code) => Promise.reject(new Error(`strace and the hub exited with ${String(code)} before the hub started: ${output.slice(-2000)}`)));
  gaveUp.catch(() => undefined);
  const hubPid = await Promise.race([
    waitFor(
      'the hub to start under strace',
      async () => {
        const started = /"pid":(\d+).*"msg":"hub starting"/.exec(output);
        return started !== null && output.includes('"msg":"hub started"') ? Number(started[1]) : undefined;
      },
      START_BOUND_MS,
    ),
    gaveUp,
  ]);
  const inference = /"models":\[([^\]]*)\].*"msg":"inference started"/.exec(output);
  t.same(JSON.parse(`[${inference?.[1] ?? ''}]`), ['af-rr', 'apnea-rr', 'illness-rhr'], 'every shipped model is loaded');
  const startedAt = Date.now();
  while (Date.now() - startedAt < HUB_SECONDS * 1000) {
    t.equal((await getJson(port, '/api/v1/health')).status, 200, 'the hub answers over loopback');
    await new Promise((resolve) => setTimeout(resolve, 10_000));
  }
  process.kill(hubPid, 'SIGTERM');
  t.equal(await exited, 0, 'the hub stops cleanly', { output: output.slice(-2000) });

  const entries = tracedAddresses(readFileSync(traceFile, 'utf8'));
  t.ok(
    entries.some((e) => e.syscall === 'bind' && e.port === port),
    'the tracer saw the hub bind its HTTP port (it traces the hub, not an empty process)',
  );
  const leaving = entries.flatMap((e) => {
    const why = leavesTheBox(e);
    return why === undefined ? [] : [`${why}: ${e.line}`];
  });
  t.same(leaving, [], 'no connection and no name lookup other than loopback');
  t.notOk(existsSync(join(home, '.cache', 'Microsoft')), 'no telemetry id or queue written to the home directory');
});
