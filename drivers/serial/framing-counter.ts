import type { FramingStats } from './stream-decoder.js';

/** Counts packets and resynchronisations; a run of discarded bytes is one framing error. */
export class FramingCounter {
  private packets = 0;
  private framingErrors = 0;
  private discardedBytes = 0;
  private discarding = false;

  packet(): void {
    this.packets += 1;
    this.discarding = false;
  }

  discard(byteCount: number): void {
    if (byteCount <= 0) return;
    if (!this.discarding) this.framingErrors += 1;
    this.discarding = true;
    this.discardedBytes += byteCount;
  }

  /** A packet that framed but failed a later check (checksum, length) is its own error. */
  reject(byteCount: number): void {
    this.discarding = false;
    this.discard(byteCount);
  }

  /** Framed bytes that do not fit together (a packet with a missing or extra frame). */
  error(): void {
    this.framingErrors += 1;
    this.discarding = false;
  }

  stats(): FramingStats {
    return { packets: this.packets, framingErrors: this.framingErrors, discardedBytes: this.discardedBytes };
  }
}
