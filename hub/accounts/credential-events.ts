/**
 * What ended or changed a credential's right to act: open streams (the live socket, GraphQL
 * subscriptions) listen to close at once rather than at their next periodic check.
 */
export type CredentialEvent =
  | { readonly kind: 'token.revoked'; readonly tokenId: string }
  /** One login session ended (logout, rotation, expiry found at use); the hash of its cookie value. */
  | { readonly kind: 'session.ended'; readonly sessionHash: string }
  /** Every login session of a user ended. */
  | { readonly kind: 'user.sessions.ended'; readonly userId: string }
  /** The account is gone, and with it its sessions and tokens. */
  | { readonly kind: 'user.removed'; readonly userId: string }
  /** What the account may see changed (its grants). */
  | { readonly kind: 'user.changed'; readonly userId: string };

export type CredentialListener = (event: CredentialEvent) => void;

/** The account stores tell their listeners; a listener that throws does not stop the others or the store. */
export class CredentialEvents {
  private readonly listeners = new Set<CredentialListener>();

  on(listener: CredentialListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CredentialEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own; the credential has ended either way.
      }
    }
  }
}
