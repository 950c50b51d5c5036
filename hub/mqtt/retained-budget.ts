export interface RetainedLimits {
  /** Retained topics one credential may hold. */
  readonly maxMessages: number;
  /** Bytes (topic and payload) of the retained messages one credential may hold. */
  readonly maxBytes: number;
}

/**
 * What each credential keeps retained on the broker: retained messages live in the hub's memory
 * for as long as it runs, so each credential has a count and a size it may keep there. An empty
 * retained payload clears its topic and always passes.
 */
export class RetainedBudget {
  private readonly topics = new Map<string, { readonly credential: string; readonly bytes: number }>();
  private readonly held = new Map<string, { count: number; bytes: number }>();

  constructor(private readonly limits: RetainedLimits) {}

  /** True, and counted, when `credential` may keep this retained message; false to send it on without keeping it. */
  admit(credential: string, topic: string, payloadBytes: number): boolean {
    const previous = this.topics.get(topic);
    if (payloadBytes === 0) {
      if (previous !== undefined) this.release(topic, previous);
      return true;
    }
    const bytes = Buffer.byteLength(topic) + payloadBytes;
    const mine = this.held.get(credential) ?? { count: 0, bytes: 0 };
    const replaced = previous?.credential === credential ? previous.bytes : undefined;
    const count = mine.count + (replaced === undefined ? 1 : 0);
    const total = mine.bytes - (replaced ?? 0) + bytes;
    if (count > this.limits.maxMessages || total > this.limits.maxBytes) return false;
    if (previous !== undefined) this.release(topic, previous);
    const after = this.held.get(credential) ?? { count: 0, bytes: 0 };
    after.count++;
    after.bytes += bytes;
    this.held.set(credential, after);
    this.topics.set(topic, { credential, bytes });
    return true;
  }

  /** What a credential keeps retained now. */
  of(credential: string): { readonly count: number; readonly bytes: number } {
    return this.held.get(credential) ?? { count: 0, bytes: 0 };
  }

  private release(topic: string, entry: { readonly credential: string; readonly bytes: number }): void {
    this.topics.delete(topic);
    const owner = this.held.get(entry.credential);
    if (owner === undefined) return;
    owner.count--;
    owner.bytes -= entry.bytes;
    if (owner.count <= 0) this.held.delete(entry.credential);
  }
}
