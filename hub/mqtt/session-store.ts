import type { Aedes } from 'aedes';

/** The parts of aedes' persistence (aedes-persistence) that hold a client's session, which its typings leave out. */
interface SessionPersistence {
  cleanSubscriptions(client: { id: string }): Promise<unknown>;
  outgoingStream(client: { id: string }): AsyncIterable<{ messageId?: number }>;
  outgoingClearMessageId(client: { id: string }, packet: { messageId?: number }): Promise<unknown>;
  cleanIncoming?(client: { id: string }): Promise<unknown>;
  delWill(client: { id: string }): Promise<unknown>;
}

/** The broker's stored sessions, as the hub needs them: a session can be wiped without its client. */
export class SessionStore {
  private readonly persistence: SessionPersistence;

  constructor(broker: Aedes) {
    this.persistence = (broker as unknown as { persistence: SessionPersistence }).persistence;
  }

  /** Forgets everything kept for `clientId`: subscriptions, queued messages, in-flight state, will. */
  async forget(clientId: string): Promise<void> {
    const client = { id: clientId };
    await this.persistence.cleanSubscriptions(client);
    for await (const packet of this.persistence.outgoingStream(client)) await this.persistence.outgoingClearMessageId(client, packet);
    await this.persistence.cleanIncoming?.(client);
    await this.persistence.delWill(client);
  }
}
