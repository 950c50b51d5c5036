/** Bytes received but not yet framed; appends chunks and drops consumed bytes from the front. */
export class ByteQueue {
  private buffer = new Uint8Array(256);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buffer.length) this.makeRoom(chunk.length);
    this.buffer.set(chunk, this.end);
    this.end += chunk.length;
  }

  /** The byte at `index` from the front; the caller checks `length` first. */
  at(index: number): number {
    return this.buffer[this.start + index] ?? 0;
  }

  /** A copy of `count` bytes from the front. */
  peek(count: number): Uint8Array {
    return this.buffer.slice(this.start, this.start + count);
  }

  drop(count: number): void {
    this.start = Math.min(this.start + count, this.end);
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
    }
  }

  private makeRoom(extra: number): void {
    const live = this.length;
    if (live + extra <= this.buffer.length) {
      this.buffer.copyWithin(0, this.start, this.end);
    } else {
      const grown = new Uint8Array((live + extra) * 2);
      grown.set(this.buffer.subarray(this.start, this.end), 0);
      this.buffer = grown;
    }
    this.start = 0;
    this.end = live;
  }
}
