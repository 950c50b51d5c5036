import { execFile } from 'node:child_process';

/** The service manager's notification channel (sd_notify). */
export interface ServiceNotifier {
  /** False when the hub does not run under systemd (no NOTIFY_SOCKET): nothing is sent. */
  readonly active: boolean;
  notify(state: string): Promise<void>;
}

export type ExecFile = (file: string, args: readonly string[], env: NodeJS.ProcessEnv) => Promise<void>;

const execFileAsync: ExecFile = (file, args, env) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { env, timeout: 10_000 }, (error) => {
      if (error instanceof Error) reject(error);
      else resolve();
    });
  });

/**
 * sd_notify through `systemd-notify`: Node cannot open the AF_UNIX datagram socket systemd listens
 * on, and a native module would be one more thing to build on the Pi. `--pid` names the hub as the
 * sender and the unit sets NotifyAccess=all, because the message comes from the helper, a child.
 * systemd-notify (v246+) waits until the manager has taken the message, so none is lost when the
 * helper exits at once.
 */
export function systemdNotifier(env: NodeJS.ProcessEnv = process.env, pid: number = process.pid, run: ExecFile = execFileAsync): ServiceNotifier {
  const socket = env['NOTIFY_SOCKET'];
  const active = socket !== undefined && socket !== '';
  return {
    active,
    notify: async (state) => {
      if (!active) return;
      await run('systemd-notify', [`--pid=${pid}`, state], env);
    },
  };
}

/** The ping interval systemd asks for: half of WatchdogSec, or undefined when no watchdog is set. */
export function watchdogIntervalMs(env: NodeJS.ProcessEnv = process.env, pid: number = process.pid): number | undefined {
  const usec = Number(env['WATCHDOG_USEC']);
  if (!Number.isFinite(usec) || usec <= 0) return undefined;
  // WATCHDOG_PID names the process the watchdog is meant for; another process must not ping.
  const target = env['WATCHDOG_PID'];
  if (target !== undefined && target !== '' && Number(target) !== pid) return undefined;
  return Math.max(1000, Math.floor(usec / 1000 / 2));
}
