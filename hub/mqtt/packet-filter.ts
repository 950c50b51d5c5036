/** A PUBLISH whose payload is over the limit: taken off the stream, never buffered, to be answered. */
export interface OversizedPublish {
  readonly qos: number;
  /** Present for QoS 1 and 2: the id the answer (PUBACK, PUBREC) must carry. */
  readonly packetId?: number;
  /** The first characters of the topic, for the log line. */
  readonly topic: string;
  readonly payloadBytes: number;
}

export interface PacketFilterLimits {
  /** Largest PUBLISH payload; a larger PUBLISH is skipped and reported. */
  readonly maxPayloadBytes: number;
  /** Largest remaining length of any other packet; a larger one closes the connection. */
  readonly maxOtherPacketBytes: number;
}

export interface FilteredChunk {
  /** What the broker may read: the chunk without the bytes of oversized PUBLISH packets. */
  readonly pass: Uint8Array | undefined;
  /** Oversized PUBLISH packets completed in this chunk, in order. */
  readonly oversized: readonly OversizedPublish[];
  /** True once a whole CONNECT packet has gone by (the client has said who it is). */
  readonly connectSeen: boolean;
}

const PUBLISH = 3;
const CONNECT = 1;
const TOPIC_KEPT = 200;

type State =
  | 'type'
  | 'length'
  /** A PUBLISH large enough to need its topic length before it can be judged; its header is held. */
  | 'topic-length'
  | 'body'
  /** Skipping an oversized PUBLISH: its topic, its packet id, the rest. */
  | 'skip-topic'
  | 'skip-packet-id'
  | 'skip-rest';

/** What one chunk becomes: runs of it passed on, held header bytes released in between. */
class Output {
  private readonly pieces: Uint8Array[] = [];
  private runStart = -1;
  private runEnd = -1;

  constructor(private readonly chunk: Uint8Array) {}

  pass(from: number, to: number): void {
    if (to <= from) return;
    if (this.runEnd === from) {
      this.runEnd = to;
      return;
    }
    this.closeRun();
    this.runStart = from;
    this.runEnd = to;
  }

  release(bytes: readonly number[]): void {
    if (bytes.length === 0) return;
    this.closeRun();
    this.pieces.push(Uint8Array.from(bytes));
  }

  result(): Uint8Array | undefined {
    if (this.pieces.length === 0 && this.runStart === 0 && this.runEnd === this.chunk.length) return this.chunk;
    this.closeRun();
    if (this.pieces.length === 0) return undefined;
    return this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces);
  }

  private closeRun(): void {
    if (this.runEnd > this.runStart) this.pieces.push(this.chunk.subarray(this.runStart, this.runEnd));
    this.runStart = -1;
    this.runEnd = -1;
  }
}

/**
 * Follows MQTT packet boundaries in a byte stream (fixed header: type byte, then the remaining
 * length as a 1–4 byte varint; a PUBLISH then has its topic and, at QoS 1 and 2, its packet id).
 * A PUBLISH whose payload is over the limit is taken off the stream as it arrives — the broker
 * never sees or buffers it — and reported with its packet id, so that the device gets an answer
 * instead of resending it forever. Any other packet over the limit is refused at its header.
 */
export class PacketFilter {
  private state: State = 'type';
  private type = 0;
  private qos = 0;
  private remaining = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  /** Header bytes of a PUBLISH held back until it is judged (at most 7). */
  private held: number[] = [];
  private left = 0;
  private topicLength = 0;
  private topic: number[] = [];
  private packetId = 0;
  private packetIdBytes = 0;
  private payload = 0;

  constructor(private readonly limits: PacketFilterLimits) {}

  /** The chunk as the broker may read it, or undefined when the connection must be closed. */
  feed(chunk: Uint8Array): FilteredChunk | undefined {
    const out = new Output(chunk);
    const oversized: OversizedPublish[] = [];
    let connectSeen = false;
    let i = 0;
    /** Where in this chunk the held header began; -1 when it began in an earlier one. */
    let heldFrom = -1;
    const release = (): void => {
      // Held bytes all from this chunk pass as part of it; from earlier chunks, as a copy.
      if (heldFrom >= 0) out.pass(heldFrom, i);
      else out.release(this.held);
      this.held = [];
    };
    while (i < chunk.length) {
      if (this.state === 'body' || this.state === 'skip-rest') {
        const take = Math.min(this.left, chunk.length - i);
        if (this.state === 'body') out.pass(i, i + take);
        i += take;
        this.left -= take;
        if (this.left === 0) {
          if (this.state === 'skip-rest') oversized.push(this.skipped());
          else if (this.type === CONNECT) connectSeen = true;
          this.state = 'type';
        }
        continue;
      }
      const byte = chunk[i] ?? 0;
      i++;
      switch (this.state) {
        case 'type':
          this.type = byte >> 4;
          this.qos = (byte >> 1) & 3;
          this.remaining = 0;
          this.multiplier = 1;
          this.lengthBytes = 0;
          // A PUBLISH is held until judged: if it is too large, none of it may reach the broker.
          if (this.type === PUBLISH) {
            this.held = [byte];
            heldFrom = i - 1;
          } else {
            out.pass(i - 1, i);
          }
          this.state = 'length';
          break;
        case 'length':
          if (this.type === PUBLISH) this.held.push(byte);
          else out.pass(i - 1, i);
          this.remaining += (byte & 0x7f) * this.multiplier;
          this.multiplier *= 128;
          this.lengthBytes++;
          if ((byte & 0x80) !== 0) {
            if (this.lengthBytes >= 4) return undefined;
            break;
          }
          if (this.type !== PUBLISH) {
            if (this.remaining > this.limits.maxOtherPacketBytes) return undefined;
            if (this.remaining === 0 && this.type === CONNECT) connectSeen = true;
            this.enterBody(this.remaining);
          } else if (this.remaining - 2 <= this.limits.maxPayloadBytes) {
            // The payload is at most the remaining length less the topic's length field.
            release();
            this.enterBody(this.remaining);
          } else {
            this.state = 'topic-length';
          }
          break;
        case 'topic-length':
          this.held.push(byte);
          if (this.held.length < this.lengthBytes + 3) break;
          this.topicLength = ((this.held[this.held.length - 2] ?? 0) << 8) | byte;
          this.payload = this.remaining - 2 - this.topicLength - (this.qos > 0 ? 2 : 0);
          if (this.payload <= this.limits.maxPayloadBytes) {
            release();
            this.enterBody(this.remaining - 2);
            break;
          }
          this.held = [];
          this.topic = [];
          this.packetId = 0;
          this.packetIdBytes = 0;
          this.left = this.remaining - 2;
          this.state = this.topicLength > 0 ? 'skip-topic' : this.afterTopic();
          break;
        case 'skip-topic':
          this.left--;
          if (this.topic.length < TOPIC_KEPT) this.topic.push(byte);
          if (--this.topicLength === 0) this.state = this.afterTopic();
          break;
        case 'skip-packet-id':
          this.left--;
          this.packetId = (this.packetId << 8) | byte;
          if (++this.packetIdBytes === 2) this.state = 'skip-rest';
          break;
      }
      if (this.state === 'skip-rest' && this.left === 0) {
        oversized.push(this.skipped());
        this.state = 'type';
      }
    }
    return { pass: out.result(), oversized, connectSeen };
  }

  private enterBody(length: number): void {
    this.left = length;
    this.state = length === 0 ? 'type' : 'body';
  }

  private afterTopic(): State {
    return this.qos > 0 ? 'skip-packet-id' : 'skip-rest';
  }

  private skipped(): OversizedPublish {
    return {
      qos: this.qos,
      ...(this.qos > 0 ? { packetId: this.packetId } : {}),
      topic: Buffer.from(this.topic).toString('utf8'),
      payloadBytes: this.payload,
    };
  }
}
