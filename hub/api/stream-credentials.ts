import type { Accounts } from '../accounts/accounts.js';
import type { CredentialEvent } from '../accounts/credential-events.js';
import type { Principal } from '../accounts/principal.js';
import { secretHash } from '../accounts/secrets.js';

/** A long-lived stream to one client (the live socket, a GraphQL socket) that may deliver only while its credential holds. */
export interface GuardedStream {
  /** Who the stream delivers to; null until it has authenticated. */
  readonly principal: Principal | null;
  /** The session cookie it was opened with; null for an API token. */
  readonly sessionId: string | null;
  /** The account changed (its grants): what the stream may see from now on. */
  refresh(principal: Principal): void;
  /** The credential ended: the stream closes now, saying why. */
  end(reason: string): void;
}

/** What a stream asks of the credentials' watch. */
export interface StreamGuard {
  watch(stream: GuardedStream): () => void;
  /** The periodic backstop: ends or refreshes the stream against what the accounts hold now. */
  check(stream: GuardedStream): void;
}

interface Watched {
  readonly stream: GuardedStream;
  readonly sessionHash: string | null;
}

/**
 * Closes streams the moment their credential ends: an API token revoked, a session logged out or
 * rotated, an account removed. The accounts tell it as it happens; `check` is the periodic
 * backstop each stream runs, which also catches a session that simply expired.
 */
export class StreamCredentials implements StreamGuard {
  private readonly watched = new Set<Watched>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly accounts: Accounts) {}

  start(): void {
    this.unsubscribe ??= this.accounts.events.on((event) => this.changed(event));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  get size(): number {
    return this.watched.size;
  }

  watch(stream: GuardedStream): () => void {
    const entry: Watched = { stream, sessionHash: stream.sessionId === null ? null : secretHash(stream.sessionId) };
    this.watched.add(entry);
    return () => this.watched.delete(entry);
  }

  /** The principal as the accounts hold it now; undefined when its session or token has ended. */
  current(principal: Principal, sessionId: string | null): Principal | undefined {
    if (sessionId !== null) return this.accounts.bySession(sessionId)?.principal;
    if (principal.tokenId === undefined) return undefined;
    const token = this.accounts.tokens.list().find((t) => t.id === principal.tokenId);
    const user = this.accounts.users.byId(principal.user.id);
    return token === undefined || user === undefined ? undefined : { ...principal, user };
  }

  check(stream: GuardedStream): void {
    const principal = stream.principal;
    if (principal === null) return;
    const still = this.current(principal, stream.sessionId);
    if (still === undefined) stream.end(principal.via === 'token' ? 'token revoked' : 'session ended');
    else stream.refresh(still);
  }

  private changed(event: CredentialEvent): void {
    // A copy: ending a stream removes it from the set.
    for (const { stream, sessionHash } of [...this.watched]) {
      const principal = stream.principal;
      switch (event.kind) {
        case 'session.ended':
          if (sessionHash === event.sessionHash) stream.end('session ended');
          break;
        case 'token.revoked':
          if (principal?.tokenId === event.tokenId) stream.end('token revoked');
          break;
        case 'user.sessions.ended':
          if (principal?.user.id === event.userId && sessionHash !== null) stream.end('session ended');
          break;
        case 'user.removed':
          if (principal?.user.id === event.userId) stream.end('account removed');
          break;
        case 'user.changed':
          if (principal?.user.id === event.userId) this.check(stream);
          break;
      }
    }
  }
}
