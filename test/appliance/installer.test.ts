import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';

const run = promisify(execFile);
/** The repository, from this compiled file in dist/test/appliance/. */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const INSTALL = join(REPO, 'systemd/install.sh');
const UNINSTALL = join(REPO, 'systemd/uninstall.sh');

async function install(root: string, ...extra: string[]): Promise<string> {
  const { stdout } = await run('bash', [INSTALL, '--root', root, '--deps', 'none', '--node', process.execPath, ...extra]);
  return stdout;
}

/** The installer's stderr when it refuses; fails the test when it succeeds. */
async function refusal(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    return String((error as { stderr?: unknown }).stderr);
  }
  throw new Error('the installer accepted what it should refuse');
}

t.test('the installer lays out the hub, its data dir, config, command and enabled unit under a staging root', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hearth-root-'));
  const out = await install(root);
  t.ok(existsSync(join(root, 'opt/hearth/dist/hub/cli/main.js')), 'the compiled hub');
  t.notOk(existsSync(join(root, 'opt/hearth/dist/test')), 'no tests in the installed tree');
  t.ok(existsSync(join(root, 'opt/hearth/models/af-rr/model.onnx')), 'the models');
  t.notOk(existsSync(join(root, 'opt/hearth/models/train')), 'no training code');
  t.ok(existsSync(join(root, 'opt/hearth/data/food/sr28-foods.json.gz')), 'the food composition table');
  t.ok(existsSync(join(root, 'opt/hearth/data/food/README.md')), 'with its provenance');
  t.equal(statSync(join(root, 'var/lib/hearth')).mode & 0o777, 0o750, 'data dir closed to others');
  t.ok(statSync(join(root, 'var/lib/hearth/backups')).isDirectory());
  const config = readFileSync(join(root, 'etc/hearth/hearth.yaml'), 'utf8');
  t.match(config, /simulation:\s*\n\s*enabled: false/, 'an installed hub never simulates a household');
  const unit = readFileSync(join(root, 'etc/systemd/system/hearth.service'), 'utf8');
  t.match(unit, `ExecStart=${process.execPath} /opt/hearth/dist/hub/cli/main.js run`);
  t.notMatch(unit, /@[A-Z]+@/, 'every placeholder filled in');
  t.equal(readlinkSync(join(root, 'etc/systemd/system/multi-user.target.wants/hearth.service')), '/etc/systemd/system/hearth.service', 'enabled');
  t.match(out, /plan: useradd --system .* hearth\n/, 'the user is planned, not created on the host');
  t.match(out, /plan: systemctl daemon-reload && systemctl enable --now hearth.service/);
  const cli = readFileSync(join(root, 'usr/local/bin/hearth'), 'utf8');
  t.match(cli, `exec "${process.execPath}" "/opt/hearth/dist/hub/cli/main.js" "$@"`);
  t.ok((statSync(join(root, 'usr/local/bin/hearth')).mode & 0o111) !== 0, 'the command is executable');
});

t.test('an upgrade keeps the household config; the uninstaller keeps the data unless asked to purge', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hearth-root-'));
  await install(root);
  writeFileSync(join(root, 'etc/hearth/hearth.yaml'), 'version: 1\nhttp:\n  port: 9090\n');
  writeFileSync(join(root, 'var/lib/hearth/hearth.db'), 'the household data');
  const again = await install(root);
  t.match(again, /keeping the existing \/etc\/hearth\/hearth.yaml/);
  t.match(readFileSync(join(root, 'etc/hearth/hearth.yaml'), 'utf8'), /9090/);
  t.notOk(existsSync(join(root, 'opt/hearth.old')), 'no old tree left behind');

  const { stdout } = await run('bash', [UNINSTALL, '--root', root]);
  t.match(stdout, /kept the data/);
  t.notOk(existsSync(join(root, 'opt/hearth')), 'code removed');
  t.notOk(existsSync(join(root, 'etc/systemd/system/hearth.service')), 'unit removed');
  t.notOk(existsSync(join(root, 'etc/systemd/system/multi-user.target.wants/hearth.service')), 'unit disabled');
  t.notOk(existsSync(join(root, 'usr/local/bin/hearth')), 'command removed');
  t.equal(readFileSync(join(root, 'var/lib/hearth/hearth.db'), 'utf8'), 'the household data', 'data kept');
  t.ok(existsSync(join(root, 'etc/hearth/hearth.yaml')), 'config kept');

  const purged = await run('bash', [UNINSTALL, '--root', root, '--purge']);
  t.match(purged.stdout, /plan: userdel hearth/);
  t.notOk(existsSync(join(root, 'var/lib/hearth')), 'data purged');
  t.notOk(existsSync(join(root, 'etc/hearth')), 'config purged');
});

t.test('the installer refuses what it cannot do with a clear message', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hearth-root-'));
  t.match(await refusal(install(root, '--deps', 'sometimes')), /--deps must be ci, copy or none/);
  t.match(await refusal(install(root, '--prefix', 'relative/dir')), /--prefix must be an absolute path/);
  t.match(await refusal(install(join(root, 'missing'))), /is not a directory/);
  t.notOk(existsSync(join(root, 'opt')), 'nothing half-installed');
});

t.test('systemd-analyze verify accepts the installed unit without a warning', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hearth-root-'));
  await install(root);
  const unit = join(root, 'etc/systemd/system/hearth.service');
  const { stdout, stderr } = await run('systemd-analyze', ['verify', unit]);
  t.equal(stderr.trim(), '', 'no warnings');
  t.equal(stdout.trim(), '');
  const text = readFileSync(unit, 'utf8');
  const values = (key: string): string[] => [...text.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1] ?? '');
  t.same(values('CapabilityBoundingSet'), ['CAP_NET_RAW CAP_NET_ADMIN'], 'only the BLE capabilities');
  t.same(values('AmbientCapabilities'), ['CAP_NET_RAW CAP_NET_ADMIN']);
  t.same(values('User'), ['hearth'], 'its own unprivileged user');
  for (const [key, value] of [
    ['Type', 'notify'],
    ['Restart', 'on-failure'],
    ['NoNewPrivileges', 'yes'],
    ['ProtectSystem', 'strict'],
    ['PrivateTmp', 'yes'],
    ['ProtectHome', 'yes'],
  ] as const) {
    t.same(values(key), [value], `${key}=${value}`);
  }
  t.match(values('WatchdogSec')[0] ?? '', /^\d+$/, 'a watchdog');
  t.ok(values('Environment').includes('ORT_DISABLE_TELEMETRY=1'), 'the ONNX runtime reports nothing to its maker');
});
