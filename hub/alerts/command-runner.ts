import { spawn } from 'node:child_process';

/** Runs a program with arguments (never through a shell), optionally feeding it `input`. */
export type CommandRunner = (command: string, args: readonly string[], input?: string) => Promise<void>;

const MAX_STDERR = 2000;
/** A speech or playback command that hangs (a stuck audio device) is killed after this long. */
const TIME_LIMIT_MS = 60_000;

export const runCommand: CommandRunner = (command, args, input) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS);
    timer.unref();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not run: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} failed (${signal ?? `exit ${String(code)}`})${stderr.trim() === '' ? '' : `: ${stderr.trim().slice(0, 300)}`}`));
    });
    child.stdin.once('error', () => undefined);
    child.stdin.end(input ?? '');
  });
