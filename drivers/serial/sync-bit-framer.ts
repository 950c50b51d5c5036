import { ByteQueue } from './byte-queue.js';
import { FramingCounter } from './framing-counter.js';
import type { FramingStats } from './stream-decoder.js';

/**
 * Frames fixed-length packets whose first byte alone has bit 7 set (Contec legacy, BerryMed BCI).
 * A bit-7 byte arriving early starts a new packet, so garbage costs at most one packet length.
 */
export class SyncBitFramer {
  private readonly queue = new ByteQueue();
  private readonly counter = new FramingCounter();

  constructor(private readonly packetLength: number) {}

  push(chunk: Uint8Array): Uint8Array[] {
    this.queue.append(chunk);
    const packets: Uint8Array[] = [];
    for (;;) {
      let skip = 0;
      while (skip < this.queue.length && (this.queue.at(skip) & 0x80) === 0) skip += 1;
      this.queue.drop(skip);
      this.counter.discard(skip);
      if (this.queue.length < this.packetLength) return packets;
      const early = this.earlySyncIndex();
      if (early !== undefined) {
        this.queue.drop(early);
        this.counter.discard(early);
        continue;
      }
      packets.push(this.queue.peek(this.packetLength));
      this.queue.drop(this.packetLength);
      this.counter.packet();
    }
  }

  stats(): FramingStats {
    return this.counter.stats();
  }

  private earlySyncIndex(): number | undefined {
    for (let i = 1; i < this.packetLength; i += 1) {
      if ((this.queue.at(i) & 0x80) !== 0) return i;
    }
    return undefined;
  }
}
