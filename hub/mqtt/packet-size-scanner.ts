/**
 * Follows MQTT packet boundaries in a byte stream (fixed header: type byte, then the remaining
 * length as a 1–4 byte varint) so that a packet announcing more than `maxRemainingLength` bytes is
 * refused as soon as its header arrives, before anything buffers its body.
 */
export class PacketSizeScanner {
  private state: 'type' | 'length' | 'body' = 'type';
  private length = 0;
  private multiplier = 1;
  private bodyLeft = 0;

  constructor(private readonly maxRemainingLength: number) {}

  /** False once a packet is too large (or its length field is malformed); the caller closes. */
  feed(chunk: Uint8Array): boolean {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'body') {
        const take = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= take;
        i += take;
        if (this.bodyLeft === 0) this.state = 'type';
        continue;
      }
      const byte = chunk[i++] ?? 0;
      if (this.state === 'type') {
        this.state = 'length';
        this.length = 0;
        this.multiplier = 1;
        continue;
      }
      this.length += (byte & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      if (this.length > this.maxRemainingLength) return false;
      if ((byte & 0x80) !== 0) {
        if (this.multiplier > 128 ** 3) return false;
        continue;
      }
      this.bodyLeft = this.length;
      this.state = this.bodyLeft === 0 ? 'type' : 'body';
    }
    return true;
  }
}
