/**
 * Removing people and devices from the household with everything recorded of them (the demo
 * household, when the household no longer wants it). The API coordinates: it deletes the store's
 * and the household's rows itself, and every part that keeps its own rows about people or devices
 * (alerts, insights) takes part through this list, so that all of it goes in one transaction.
 */

/** Who and what goes. */
export interface RemovalScope {
  readonly personIds: readonly string[];
  readonly deviceIds: readonly string[];
}

export interface RemovalParticipant {
  /** What the part keeps ('alerts', 'insights'): it names the part's count in the answer. */
  readonly name: string;
  /** How many records the part keeps about the scope (what removing it would take). */
  count(scope: RemovalScope): number;
  /** Lets work under way for the scope finish first (a model scoring a window), so nothing lands after the rows went. */
  settle?(scope: RemovalScope): Promise<void>;
  /**
   * Deletes the part's rows about the scope, inside the caller's transaction, and returns how many
   * records went. Synchronous, and touching nothing but the database: it may yet be rolled back.
   */
  remove(scope: RemovalScope): number;
  /** After the transaction committed: forgets what memory still holds about the scope. */
  forget?(scope: RemovalScope): void;
}

/** The parts taking part, joined while they run. */
export class RemovalParticipants {
  private readonly joined = new Set<RemovalParticipant>();

  join(participant: RemovalParticipant): void {
    this.joined.add(participant);
  }

  leave(participant: RemovalParticipant): void {
    this.joined.delete(participant);
  }

  list(): readonly RemovalParticipant[] {
    return [...this.joined];
  }
}
