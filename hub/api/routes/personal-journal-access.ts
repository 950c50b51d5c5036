/**
 * What the food journal's and the medicines' routes share: who may read and keep a person's
 * journal (names of foods and medicines are personal text), the journal's refusals as API errors,
 * and dates that must be days of the calendar.
 */
import { canKeepJournalFor, canReadJournalOf } from '../../accounts/access.js';
import type { Principal } from '../../accounts/principal.js';
import { isCalendarDate } from '../../../core/local-day.js';
import { ApiError } from '../../http/api-error.js';
import { JournalError } from '../../services/food-journal-service.js';
import type { FastifyInstance } from 'fastify';
import { DurableAck } from '../../store/durable-ack.js';
import type { ApiDeps } from '../api-deps.js';
import { personNotFound } from './people-routes.js';

export interface JournalAccess {
  /** The person and the owner read it; anyone else is told there is no such person. */
  readonly readable: (principal: Principal, personId: string) => void;
  /** Kept by the person, or by the owner for them, with the write scope. */
  readonly writable: (principal: Principal, personId: string) => void;
}

export function journalAccess(deps: Pick<ApiDeps, 'household'>, what: string): JournalAccess {
  const readable = (principal: Principal, personId: string): void => {
    if (!canReadJournalOf(principal, personId) || deps.household.person(personId) === undefined) throw personNotFound();
  };
  return {
    readable,
    writable: (principal, personId) => {
      readable(principal, personId);
      if (!canKeepJournalFor(principal, personId)) throw new ApiError(403, 'forbidden', `${what} kept by the person, or by the owner for them`);
    },
  };
}

/** Runs the journal's work, its refusals answered as API errors. */
export function answered<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof JournalError) throw new ApiError(error.status, error.code, error.message);
    throw error;
  }
}

/** A commit forced this soon while an answer waits for it (as for acknowledged ingest). */
const COMMIT_WITHIN_MS = 10;

/**
 * Waits, before an entry or a dose is answered as recorded, for its readings to be committed: the
 * answer then means the charts and goals have them. The store keeps retrying a failed commit, so
 * one not confirmed is said so, not undone.
 */
export function readingsCommitted(server: FastifyInstance, deps: Pick<ApiDeps, 'store'>): () => Promise<void> {
  const durable = new DurableAck(deps.store.writer, COMMIT_WITHIN_MS);
  server.addHook('onClose', async () => durable.stop());
  return async () => {
    try {
      await durable.committed();
    } catch (error) {
      throw new ApiError(503, 'not_stored', `recorded, but the hub could not confirm that its readings were stored (${(error as Error).message}); it keeps trying`);
    }
  };
}

/** The date, when it is a day of the calendar; else a 400 that says so. */
export function calendarDate(date: string): string {
  if (!isCalendarDate(date)) throw new ApiError(400, 'invalid_date', `${date} is not a day of the calendar (YYYY-MM-DD)`);
  return date;
}
