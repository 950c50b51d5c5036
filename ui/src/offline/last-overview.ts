import type { PersonOverview } from '../api/types.js';

/** The household's answer as this browser last received it, and when. */
export interface SavedOverview {
  readonly savedAt: number;
  readonly people: readonly PersonOverview[];
}

const OVERVIEW_KEY = 'hearth:last-overview:';
const USER_KEY = 'hearth:last-user';

/**
 * The last household answer of the signed-in person, kept in this browser's own storage (never in
 * the service worker's cache, never sent anywhere) so the dashboard can show the values it last
 * had, with their age, while the hub cannot be reached. It is kept per account and removed when
 * that person signs out or their session ends. A browser that refuses storage (private mode, full)
 * simply keeps nothing.
 */
export class LastOverview {
  /**
   * An answer that arrived before the page knew who is signed in (the household is asked for
   * together with the session), and when: it is written once they are, or dropped when nobody is.
   */
  private unclaimed: { readonly people: readonly PersonOverview[]; readonly at: number } | undefined;
  /** Someone signed in or out since the page opened: an answer without an account is no longer an early one, and is dropped. */
  private settled = false;

  constructor(
    private readonly storage: () => Storage | undefined,
    private readonly clock: () => number = Date.now,
  ) {}

  /** From now on, answers are kept for this account. */
  signedIn(userId: string): void {
    this.write(USER_KEY, userId);
    const early = this.settled ? undefined : this.unclaimed;
    this.settled = true;
    this.unclaimed = undefined;
    if (early !== undefined) this.keep(userId, early.people, early.at);
  }

  save(people: readonly PersonOverview[]): void {
    const userId = this.read(USER_KEY);
    if (userId !== undefined) this.keep(userId, people, this.clock());
    // Before anyone signed in on this page it is the session's own answer; after a sign-out, a late one of the last account.
    else if (!this.settled) this.unclaimed = { people, at: this.clock() };
  }

  private keep(userId: string, people: readonly PersonOverview[], at: number): void {
    const saved: SavedOverview = { savedAt: at, people };
    this.write(OVERVIEW_KEY + userId, JSON.stringify(saved));
  }

  /** What the last signed-in account last received, if anything. */
  saved(): SavedOverview | undefined {
    const userId = this.read(USER_KEY);
    const text = userId === undefined ? undefined : this.read(OVERVIEW_KEY + userId);
    if (text === undefined) return undefined;
    try {
      const saved = JSON.parse(text) as SavedOverview;
      return typeof saved.savedAt === 'number' && Array.isArray(saved.people) ? saved : undefined;
    } catch {
      return undefined;
    }
  }

  /** Signed out: the account's values leave this browser. */
  forget(): void {
    this.unclaimed = undefined;
    this.settled = true;
    const userId = this.read(USER_KEY);
    try {
      if (userId !== undefined) this.storage()?.removeItem(OVERVIEW_KEY + userId);
      this.storage()?.removeItem(USER_KEY);
    } catch {
      // Nothing could be kept either.
    }
  }

  private read(key: string): string | undefined {
    try {
      return this.storage()?.getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private write(key: string, value: string): void {
    try {
      this.storage()?.setItem(key, value);
    } catch {
      // Storage refused or full: the offline view will have nothing to show, the live one is unaffected.
    }
  }
}

function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export const lastOverview = new LastOverview(browserStorage);
