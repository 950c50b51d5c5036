import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { eventually } from './recording-sink.js';

/**
 * A pseudo-terminal pair made by socat (Debian package `socat`): `hubPath` and `simPath` are links
 * to the two ends, so the pair can be torn down and made again at the same paths, like an
 * oximeter pulled out and plugged back in.
 */
export class SocatPtyPair {
  private child: ChildProcess | undefined;

  constructor(
    readonly hubPath: string,
    readonly simPath: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn('socat', [
      '-d',
      '-d',
      `pty,raw,echo=0,link=${this.hubPath}`,
      `pty,raw,echo=0,link=${this.simPath}`,
    ], { stdio: 'ignore' });
    this.child = child;
    await eventually('socat makes both pty links', () => existsSync(this.hubPath) && existsSync(this.simPath), 10_000);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    await eventually('socat removes its links', () => !existsSync(this.hubPath) && !existsSync(this.simPath), 10_000);
  }
}
