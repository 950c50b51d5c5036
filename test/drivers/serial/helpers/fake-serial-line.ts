import type { ManualScheduler } from '../../../../core/scheduler.js';
import type { SerialLineSettings } from '../../../../drivers/serial/serial-driver.js';
import type { SerialConnection, SerialConnectionEvents, SerialOpener } from '../../../../drivers/serial/runtime/serial-connection.js';

/** One open of a fake port: what the hub wrote, and a way to make the device speak or vanish. */
export class FakeConnection implements SerialConnection {
  readonly written: Uint8Array[] = [];
  closed = false;

  constructor(
    readonly path: string,
    readonly settings: SerialLineSettings,
    private readonly events: SerialConnectionEvents,
  ) {}

  /** What the device answers to a write, if anything. */
  respond: ((bytes: Uint8Array) => Uint8Array | undefined) | undefined;

  write(bytes: Uint8Array): void {
    this.written.push(Uint8Array.from(bytes));
    const answer = this.respond?.(bytes);
    if (answer !== undefined) queueMicrotask(() => this.send(answer));
  }

  async close(): Promise<void> {
    this.drop('closed by the hub');
  }

  /** The device sends bytes. */
  send(bytes: Uint8Array): void {
    if (!this.closed) this.events.onData(bytes);
  }

  /** The cable is pulled or the port errors. */
  drop(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.events.onClose(reason);
  }
}

/**
 * Serial ports in memory. `present` decides whether a path can be opened; `answer` is what the
 * device sends right after an open with the given settings (e.g. nothing at the wrong baud rate).
 */
export class FakeSerialLine {
  readonly connections: FakeConnection[] = [];
  readonly attempts: { path: string; at: number }[] = [];
  present = new Set<string>();

  constructor(
    private readonly now: () => number,
    private readonly answer: (path: string, settings: SerialLineSettings) => Uint8Array | undefined = () => undefined,
    private readonly respond?: (bytes: Uint8Array) => Uint8Array | undefined,
  ) {}

  readonly open: SerialOpener = async (path, settings, events) => {
    this.attempts.push({ path, at: this.now() });
    if (!this.present.has(path)) throw new Error(`No such file or directory, cannot open ${path}`);
    const connection = new FakeConnection(path, settings, events);
    connection.respond = this.respond;
    this.connections.push(connection);
    const bytes = this.answer(path, settings);
    if (bytes !== undefined) queueMicrotask(() => connection.send(bytes));
    return connection;
  };

  latest(): FakeConnection | undefined {
    return this.connections[this.connections.length - 1];
  }
}

/** Lets pending promise callbacks and microtasks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Moves the manual clock forward by `ms`, one due task at a time, letting the async work each task
 * starts (an open that fails, a retry it schedules) finish before the next one.
 */
export async function runFor(scheduler: ManualScheduler, ms: number): Promise<void> {
  const until = scheduler.now() + ms;
  await settle();
  for (;;) {
    const due = scheduler.nextDueAt();
    if (due === undefined || due > until) break;
    scheduler.advance(due - scheduler.now());
    await settle();
  }
  scheduler.advance(until - scheduler.now());
  await settle();
}
