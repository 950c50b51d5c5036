import { signal } from '@preact/signals';
import type { LiveMessage } from './types.js';

export type LiveListener = (message: LiveMessage) => void;

/** "connecting" until the first open after start, then "open" or "closed" (and retrying). */
export type LiveConnection = 'connecting' | 'open' | 'closed';

/**
 * The live stream (/api/v1/live). Reconnects with backoff when the hub restarts or the phone
 * wakes up, and subscribes again each time, so a view only registers a listener once. Messages
 * are events and go to listeners; the connection is state, a signal the page frame shows.
 */
export class LiveSocket {
  private socket: WebSocket | undefined;
  private readonly listeners = new Set<LiveListener>();
  readonly connection = signal<LiveConnection>('connecting');
  private retryMs = 500;
  private retryTimer: number | undefined;
  private stopped = true;

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    this.socket?.close();
    this.socket = undefined;
    this.connection.value = 'connecting';
  }

  /** Connects at once if the socket is down (after sign-in, rather than waiting out the backoff). */
  reconnectNow(): void {
    if (this.stopped || this.socket !== undefined) return;
    window.clearTimeout(this.retryTimer);
    this.retryMs = 500;
    this.connect();
  }

  /** Returns the unsubscribe function. */
  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private connect(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/api/v1/live`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (performance.getEntriesByName('hearth:live-open').length === 0) performance.mark('hearth:live-open');
      this.retryMs = 500;
      socket.send(JSON.stringify({ type: 'subscribe', latest: true }));
      this.connection.value = 'open';
    });
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      let message: LiveMessage;
      try {
        message = JSON.parse(event.data) as LiveMessage;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(message);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.connection.value = 'closed';
      if (this.stopped) return;
      this.retryTimer = window.setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 15_000);
    });
  }
}

export const live = new LiveSocket();
