import type { Db } from '../store/index.js';

/** Who to escalate a person's alert to: caregiver accounts (they see it on the dashboard) and push URLs. */
export interface Caregivers {
  readonly userIds: readonly string[];
  readonly webhookUrls: readonly string[];
}

function isUrl(entry: string): boolean {
  return /^https?:\/\//i.test(entry);
}

/**
 * A person's caregivers: accounts with the caregiver role granted that person (kept by the API's
 * account tables), the user ids the config lists for them, and their push addresses as the
 * household set them up (asked for at each escalation, so a new one is told the next time).
 */
export class CaregiverDirectory {
  constructor(
    private readonly db: Db,
    private readonly configured: Readonly<Record<string, readonly string[]>>,
    private readonly pushAddresses: () => Readonly<Record<string, readonly string[]>>,
  ) {}

  for(personId: string | undefined): Caregivers {
    if (personId === undefined) return { userIds: [], webhookUrls: [] };
    const listed = this.configured[personId] ?? [];
    const userIds = new Set(listed.filter((e) => !isUrl(e)));
    for (const id of this.grantedCaregivers(personId)) userIds.add(id);
    return { userIds: [...userIds], webhookUrls: [...(this.pushAddresses()[personId] ?? [])] };
  }

  private grantedCaregivers(personId: string): string[] {
    try {
      return this.db
        .prepare<[string], { id: string }>("SELECT u.id AS id FROM account_user u JOIN account_grant g ON g.user_id = u.id WHERE u.role = 'caregiver' AND g.person_id = ? ORDER BY u.id")
        .all(personId)
        .map((row) => row.id);
    } catch {
      // No account tables: the API is switched off on this hub; the config's list is all there is.
      return [];
    }
  }
}
