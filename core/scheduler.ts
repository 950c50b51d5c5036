import type { Clock } from './clock.js';

/** Timers, injected so that tests can run minutes of reconnects, keep-alives and flushes in no time. */
export interface Scheduler {
  /** Runs `task` once after `delayMs`; the returned function cancels it. */
  after(delayMs: number, task: () => void): () => void;
}

export const systemScheduler: Scheduler = {
  after(delayMs, task) {
    const timer = setTimeout(task, delayMs);
    // Whoever set a timer stops it on the way down; a pending one must not keep the process alive.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** A scheduler and clock a test moves by hand; due tasks run in time order on `advance`. */
export class ManualScheduler implements Scheduler, Clock {
  private tasks: { at: number; seq: number; task: () => void }[] = [];
  private seq = 0;

  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  after(delayMs: number, task: () => void): () => void {
    const entry = { at: this.current + Math.max(0, delayMs), seq: this.seq++, task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== entry);
    };
  }

  get pending(): number {
    return this.tasks.length;
  }

  /** When the next task is due; undefined when none is pending. */
  nextDueAt(): number | undefined {
    return this.tasks.reduce<number | undefined>((min, t) => (min === undefined || t.at < min ? t.at : min), undefined);
  }

  advance(ms: number): void {
    const until = this.current + ms;
    for (;;) {
      const due = this.tasks.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.tasks = this.tasks.filter((t) => t !== due);
      this.current = due.at;
      due.task();
    }
    this.current = until;
  }
}
