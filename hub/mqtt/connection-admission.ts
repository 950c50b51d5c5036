import { isIPv6 } from 'node:net';

export interface AdmissionLimits {
  /** Sockets that have not yet authenticated, from everyone together. */
  readonly maxPending: number;
  /** The same, from one address (one IPv6 /64). */
  readonly maxPendingPerAddress: number;
  /** From the TCP connection to a successful CONNECT; a socket still unauthenticated then is closed. */
  readonly deadlineMs: number;
}

/** The socket as admission needs it (a net.Socket; a TLS server's raw socket). */
export interface AdmittedSocket {
  readonly remoteAddress?: string | undefined;
  readonly remotePort?: number | undefined;
  destroy(): void;
  once(event: 'close', listener: () => void): unknown;
}

export interface AdmissionTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: AdmissionTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Why a socket was closed before it authenticated. */
export type AdmissionRefusal = 'address_limit' | 'pending_limit' | 'evicted' | 'connect_deadline';

interface Pending {
  readonly key: string;
  readonly group: string;
  readonly socket: AdmittedSocket;
  readonly order: number;
  /** A whole CONNECT has arrived: the client is being checked, and is no longer idle. */
  connectSeen: boolean;
  readonly timer: unknown;
}

/** The address a socket counts against: IPv4 as it is, IPv6 by its /64 (one host can hold a whole /64). */
export function addressGroup(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...new Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function socketKey(socket: { readonly remoteAddress?: string | undefined; readonly remotePort?: number | undefined }): string {
  return `${socket.remoteAddress ?? '?'}|${socket.remotePort ?? '?'}`;
}

/**
 * Keeps sockets that have not authenticated from crowding out devices that have: at most a few per
 * address and a bounded number in all, each closed if it has not authenticated within a short
 * deadline. When every place is taken, a new socket takes the place of the oldest idle one (no
 * CONNECT yet) from the address holding the most, so idle sockets from a few addresses, however
 * often they are reopened, never keep a device out.
 */
export class ConnectionAdmission {
  private readonly pending = new Map<string, Pending>();
  private readonly perGroup = new Map<string, number>();
  private order = 0;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly onRefused: (address: string, why: AdmissionRefusal) => void,
    private readonly timers: AdmissionTimers = nodeTimers,
  ) {}

  /** Admits a new socket as pending, or says no (the caller closes it). */
  admit(socket: AdmittedSocket): boolean {
    const group = addressGroup(socket.remoteAddress);
    if ((this.perGroup.get(group) ?? 0) >= this.limits.maxPendingPerAddress) {
      this.onRefused(group, 'address_limit');
      return false;
    }
    if (this.pending.size >= this.limits.maxPending && !this.evictFor(group)) {
      this.onRefused(group, 'pending_limit');
      return false;
    }
    const key = socketKey(socket);
    const entry: Pending = {
      key,
      group,
      socket,
      order: this.order++,
      connectSeen: false,
      timer: this.timers.setTimeout(() => this.expire(key), this.limits.deadlineMs),
    };
    this.pending.set(key, entry);
    this.perGroup.set(group, (this.perGroup.get(group) ?? 0) + 1);
    socket.once('close', () => this.leave(key, entry));
    return true;
  }

  /** The client sent its CONNECT (the socket may be the TLS socket over an admitted one). */
  connectReceived(socket: { readonly remoteAddress?: string | undefined; readonly remotePort?: number | undefined }): void {
    const entry = this.pending.get(socketKey(socket));
    if (entry !== undefined) entry.connectSeen = true;
  }

  /** The client authenticated: it no longer counts against the pending limits. */
  authenticated(socket: { readonly remoteAddress?: string | undefined; readonly remotePort?: number | undefined }): void {
    const key = socketKey(socket);
    const entry = this.pending.get(key);
    if (entry !== undefined) this.leave(key, entry);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private expire(key: string): void {
    const entry = this.pending.get(key);
    if (entry === undefined) return;
    this.leave(key, entry);
    this.onRefused(entry.group, 'connect_deadline');
    entry.socket.destroy();
  }

  /** Closes the oldest idle socket of the address holding the most pending ones; false when none is idle. */
  private evictFor(group: string): boolean {
    let victim: Pending | undefined;
    let victimCount = 0;
    for (const entry of this.pending.values()) {
      if (entry.connectSeen || entry.group === group) continue;
      const count = this.perGroup.get(entry.group) ?? 0;
      if (victim === undefined || count > victimCount || (count === victimCount && entry.order < victim.order)) {
        victim = entry;
        victimCount = count;
      }
    }
    if (victim === undefined) return false;
    this.leave(victim.key, victim);
    this.onRefused(victim.group, 'evicted');
    victim.socket.destroy();
    return true;
  }

  private leave(key: string, entry: Pending): void {
    if (this.pending.get(key) !== entry) return;
    this.pending.delete(key);
    this.timers.clearTimeout(entry.timer);
    const left = (this.perGroup.get(entry.group) ?? 1) - 1;
    if (left <= 0) this.perGroup.delete(entry.group);
    else this.perGroup.set(entry.group, left);
  }
}
