import { randomBytes } from 'node:crypto';
import type { AggregateBatch, AggregateCell } from '../../cloud-relay/protocol/batch.js';
import { utcDay } from '../../cloud-relay/protocol/signing.js';
import type { Clock } from '../../core/clock.js';
import type { HouseholdRegistry } from '../household/household-registry.js';
import type { Db, StoreQuery } from '../store/index.js';
import { ageBand, noisedCells } from './anonymise.js';
import type { ConsentLog } from './consent-log.js';
import { dailyAggregates } from './daily-aggregates.js';
import type { Random } from './laplace.js';
import type { Outbox } from './outbox.js';
import { assertAnonymous } from './payload-guard.js';
import { pseudonym, type PseudonymPeriod } from './pseudonym.js';

const DAY_MS = 86_400_000;
/** A day is summarised once it has been over for this long, so late device syncs are counted. */
const GRACE_MS = DAY_MS;

export interface ResearchJobDeps {
  /** Where the relay keeps which person-days were sent. */
  readonly db: Db;
  /** The readings summarised. */
  readonly storeQuery: StoreQuery;
  readonly clock: Clock;
  readonly registry: HouseholdRegistry;
  readonly consent: ConsentLog;
  readonly outbox: Outbox;
  readonly householdKey: Buffer;
  readonly random: Random;
  readonly settings: { readonly epsilonPerDay: number; readonly pseudonymPeriod: PseudonymPeriod; readonly metrics: readonly string[] };
}

/**
 * Turns finished days of consenting people into batches in the outbox: one batch per day (people
 * of one day travel together, days never do), each person-day summarised and its ε spent once.
 * Only days from the day consent was given are sent; nothing before it, nothing after a withdrawal.
 */
export class ResearchJob {
  constructor(private readonly deps: ResearchJobDeps) {}

  run(): { batches: number; cells: number } {
    const { db, clock, registry, consent } = this.deps;
    const lastDayStart = Math.floor((clock.now() - GRACE_MS) / DAY_MS) * DAY_MS - DAY_MS;
    const done = db.prepare<[string, string], { day: string }>('SELECT day FROM relay_research_day WHERE person_id = ? AND day = ?');
    const byDay = new Map<number, { personId: string; birthYear?: number }[]>();
    for (const person of registry.listPeople()) {
      const since = consent.grantedSince(person.id, 'research');
      if (since === undefined) continue;
      for (let d = Math.floor(since / DAY_MS) * DAY_MS; d <= lastDayStart; d += DAY_MS) {
        if (done.get(person.id, utcDay(d)) !== undefined) continue;
        const list = byDay.get(d) ?? [];
        list.push({ personId: person.id, ...(person.birthYear !== undefined ? { birthYear: person.birthYear } : {}) });
        byDay.set(d, list);
      }
    }
    let batches = 0;
    let cellCount = 0;
    for (const [dayStart, people] of [...byDay.entries()].sort((a, b) => a[0] - b[0])) {
      cellCount += this.enqueueDay(dayStart, people);
      batches++;
    }
    return { batches, cells: cellCount };
  }

  private enqueueDay(dayStart: number, people: readonly { personId: string; birthYear?: number }[]): number {
    const { db, storeQuery, settings, householdKey, random } = this.deps;
    const day = utcDay(dayStart);
    const cells: AggregateCell[] = [];
    const spent: [string, number][] = [];
    for (const person of people) {
      const aggregates = dailyAggregates(storeQuery, person.personId, dayStart, settings.metrics);
      const who = { pid: pseudonym(householdKey, person.personId, day, settings.pseudonymPeriod), day, age: ageBand(person.birthYear, day) };
      const noised = noisedCells(aggregates, who, settings.epsilonPerDay, random);
      cells.push(...noised.cells);
      spent.push([person.personId, noised.epsilon]);
    }
    // Shuffled, so a cell's position says nothing about whose it is.
    for (let i = cells.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [cells[i], cells[j]] = [cells[j] as AggregateCell, cells[i] as AggregateCell];
    }
    db.transaction(() => {
      if (cells.length > 0) {
        const batch: AggregateBatch = { v: 1, batchId: randomBytes(16).toString('hex'), cells };
        const body = JSON.stringify(batch);
        assertAnonymous(body, { strings: this.identifiers() });
        this.deps.outbox.enqueue(batch.batchId, Buffer.from(body));
      }
      const mark = db.prepare('INSERT INTO relay_research_day (person_id, day, epsilon) VALUES (?, ?, ?)');
      for (const [personId, epsilon] of spent) mark.run(personId, day, epsilon);
    })();
    return cells.length;
  }

  private identifiers(): string[] {
    const { registry } = this.deps;
    return [
      ...registry.listPeople().flatMap((p) => [p.id, p.name]),
      ...registry.listDevices().flatMap((d) => [d.id, ...(d.name !== undefined ? [d.name] : [])]),
    ];
  }
}
