import WebSocket from 'ws';

/** A real WebSocket client that records every JSON message it receives. */
export class LiveClient {
  readonly messages: Record<string, unknown>[] = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number }>;

  constructor(url: string, options: { cookie?: string; protocol?: string; origin?: string } = {}) {
    const headers: Record<string, string> = {};
    if (options.cookie !== undefined) headers['cookie'] = options.cookie;
    if (options.origin !== undefined) headers['origin'] = options.origin;
    this.socket = new WebSocket(url, options.protocol ?? [], { headers });
    this.socket.on('message', (data: Buffer) => this.messages.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.socket.once('close', (code) => resolve({ code })));
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Waits for a message matching `match`, failing after `timeoutMs`. */
  async next(match: (m: Record<string, unknown>) => boolean, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(this.messages).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits until `count` messages of `type` have arrived (counted as they come, not rescanned). */
  async count(type: string, count: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    let scanned = 0;
    for (;;) {
      for (; scanned < this.messages.length; scanned++) if (this.messages[scanned]?.['type'] === type) seen++;
      if (seen >= count) return;
      if (Date.now() > deadline) throw new Error(`${seen} of ${count} "${type}" messages arrived in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.close();
  }
}

export function wsUrl(base: string, path: string): string {
  return `${base.replace(/^http/, 'ws')}${path}`;
}
