import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, getJson, startHubProcess, waitFor, type RunningHub } from '../../helpers/hub-process.js';

export interface DashboardHub {
  readonly hub: RunningHub;
  readonly baseURL: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface DashboardHubOptions {
  /** Extra config (YAML/JSON object) merged over the defaults, e.g. `{ ble: { emulated: true } }`. */
  readonly config?: Record<string, unknown>;
  /** Fills the data directory before the hub starts (seeded history). */
  readonly prepare?: (dataDir: string) => Promise<void>;
  /** Extra environment for the hub process. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The real hub as a child process on a free port with a fresh data directory: the simulated
 * household streams, and ui/dist (built by `node ui/build.mjs`) is served at `/`.
 */
export async function startDashboardHub(options: DashboardHubOptions = {}): Promise<DashboardHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-ui-'));
  const hubDataDir = join(dataDir, 'data');
  mkdirSync(hubDataDir);
  await options.prepare?.(hubDataDir);
  const env: Record<string, string> = { HEARTH_DATA_DIR: hubDataDir, HEARTH_MQTT_PORT: String(await freePort()), ...options.env };
  if (options.config !== undefined) {
    const configPath = join(dataDir, 'hearth.json');
    writeFileSync(configPath, JSON.stringify({ version: 1, ...options.config }));
    env['HEARTH_CONFIG'] = configPath;
  }
  const port = await freePort();
  const hub = startHubProcess(env, port);
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    // A hub that exits (bad config, taken port) fails the test at once, with its own words.
    const exited = hub.exited.then((code) => {
      throw new Error(`the hub exited with ${String(code)}: ${hub.output()}`);
    });
    const answered = waitFor('the hub to answer', async () => ((await getJson(port, '/api/v1/health')).status === 200 ? true : undefined), 30_000);
    await Promise.race([answered, exited]);
    exited.catch(() => undefined);
  } catch (error) {
    hub.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    hub,
    baseURL,
    dataDir: hubDataDir,
    async stop() {
      if (hub.child.exitCode === null) hub.child.kill('SIGTERM');
      await hub.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const OWNER = { username: 'robin', password: 'kettle-on-the-hob-42', displayName: 'Robin' } as const;
