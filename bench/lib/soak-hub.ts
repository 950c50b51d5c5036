import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, getJson, startHubProcess, waitFor, type RunningHub } from '../../test/helpers/hub-process.js';

/** The replay part's settings, as the hub's config file spells them. */
export interface SoakReplay {
  readonly dir: string;
  /** Recording seconds per wall-clock second. */
  readonly speed: number;
  readonly maxParticipants: number;
}

export interface SoakHub {
  readonly process: RunningHub;
  readonly pid: number;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseFile: string;
  /** SIGTERM (the hub flushes its queue and stops), then the temp folder is removed unless kept. */
  stop(options?: { keepDataDir?: boolean }): Promise<number | null>;
  /** Removes the temp folder (after `stop({ keepDataDir: true })`). */
  remove(): void;
}

/** The wearable recordings shipped beside the project (HEARTH_SHARED_DATA or ../shared/data). */
export function wearableReplayDir(): string {
  return join(process.env.HEARTH_SHARED_DATA ?? resolve('../shared/data'), 'wearable-replay');
}

/**
 * `hearth run` as a child process over a fresh data folder, its HTTP API on a free loopback port.
 * Without `replay` nothing feeds it: the simulation is switched off, so an idle hub is really idle.
 * The radios are off too: a soak measures the hub, not whether this machine has an adapter.
 */
export async function startSoakHub(replay: SoakReplay | undefined, logLevel = 'info'): Promise<SoakHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-soak-'));
  const configFile = join(dataDir, 'hearth.json');
  const config = {
    version: 1,
    http: { host: '127.0.0.1' },
    mqtt: { port: 0 },
    simulation: { enabled: false },
    ble: { enabled: false },
    serial: { enabled: false },
    ...(replay === undefined ? {} : { replay: { enabled: true, ...replay } }),
  };
  // JSON is YAML, which the config loader reads.
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const port = await freePort();
  const running = startHubProcess({ HEARTH_CONFIG: configFile, HEARTH_DATA_DIR: join(dataDir, 'data'), HEARTH_LOG_LEVEL: logLevel }, port);
  const remove = (): void => rmSync(dataDir, { recursive: true, force: true });
  try {
    // A hub that exits at start (a bad config) fails at once rather than after the wait.
    const exitedEarly = running.exited.then((code) => Promise.reject(new Error(`the hub exited at start (${code})`)));
    await Promise.race([waitFor('the hub to answer health', async () => ((await getJson(port, '/api/v1/health')).status === 200 ? true : undefined), 60_000), exitedEarly]);
  } catch (error) {
    running.child.kill('SIGKILL');
    await running.exited;
    remove();
    throw new Error(`${(error as Error).message}\n${running.output()}`);
  }
  const pid = running.child.pid;
  if (pid === undefined) throw new Error('the hub process has no pid');
  return {
    process: running,
    pid,
    port,
    dataDir,
    databaseFile: join(dataDir, 'data', 'hearth.db'),
    stop: async (options) => {
      if (running.child.exitCode === null) running.child.kill('SIGTERM');
      const code = await running.exited;
      if (options?.keepDataDir !== true) remove();
      return code;
    },
    remove,
  };
}

/** Creates the owner over the API; the session cookie (`hearth_session=…`) for the sockets. */
export async function onboardOwner(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/onboarding`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'soak', password: 'soak password 1234', displayName: 'Soak Owner' }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('hearth_session='))?.split(';')[0];
  if (response.status !== 201 || cookie === undefined) throw new Error(`onboarding failed: ${response.status} ${await response.text()}`);
  return cookie;
}
