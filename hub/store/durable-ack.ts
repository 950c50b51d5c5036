/** The store writer as the acknowledgement path needs it. */
export interface CommitSource {
  /** Resolves once everything queued so far is committed. */
  flushed(): Promise<void>;
  /** Commits what is queued now. */
  flush(): boolean;
}

export interface AckTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: AckTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Group commit for acknowledged ingest: a QoS 1 MQTT message is acknowledged, and an HTTP ingest
 * request answered, only once its readings are committed. The writer's own interval (a second, to
 * spare an SD card) would make every answer wait that long, so while answers are waiting a commit is
 * forced within `withinMs`; everything that arrived meanwhile shares that one transaction.
 */
export class DurableAck {
  private timer: unknown = undefined;

  constructor(
    private readonly writer: CommitSource,
    private readonly withinMs: number,
    private readonly timers: AckTimers = nodeTimers,
  ) {}

  /** Resolves when everything submitted before the call is durable; rejects if it was given up. */
  committed(): Promise<void> {
    const done = this.writer.flushed();
    if (this.timer === undefined) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        this.writer.flush();
      }, this.withinMs);
    }
    return done;
  }

  stop(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
