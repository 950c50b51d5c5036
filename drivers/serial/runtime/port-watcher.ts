import type { SerialPortInfo, SerialPortLister } from './port-info.js';
import type { Scheduler } from '../../../core/scheduler.js';

export interface PortChange {
  readonly added: readonly SerialPortInfo[];
  readonly removed: readonly SerialPortInfo[];
}

/**
 * Polls the port list and reports ports that appeared or went away. A failed listing is not read
 * as "everything unplugged": the previous list stands until a listing succeeds.
 */
export class PortWatcher {
  private known = new Map<string, SerialPortInfo>();
  private readonly listeners = new Set<(change: PortChange) => void>();
  private cancel: (() => void) | undefined;
  private running = false;
  private failures = 0;

  constructor(
    private readonly list: SerialPortLister,
    private readonly scheduler: Scheduler,
    private readonly intervalMs: number,
  ) {}

  get listingFailures(): number {
    return this.failures;
  }

  onChange(listener: (change: PortChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.poll();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.cancel?.();
    this.cancel = undefined;
  }

  /** Lists now; the next poll follows `intervalMs` later. */
  async poll(): Promise<void> {
    this.cancel?.();
    this.cancel = undefined;
    let ports: readonly SerialPortInfo[] | undefined;
    try {
      ports = await this.list();
    } catch {
      this.failures += 1;
    }
    if (ports !== undefined) this.apply(ports);
    if (this.running) this.cancel = this.scheduler.after(this.intervalMs, () => void this.poll());
  }

  private apply(ports: readonly SerialPortInfo[]): void {
    const next = new Map(ports.map((p) => [p.path, p]));
    const added = ports.filter((p) => !this.known.has(p.path));
    const removed = [...this.known.values()].filter((p) => !next.has(p.path));
    this.known = next;
    if (added.length === 0 && removed.length === 0) return;
    for (const listener of this.listeners) listener({ added, removed });
  }
}
