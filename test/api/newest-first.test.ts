import t from 'tap';
import fc from 'fast-check';
import { mergeNewestFirst } from '../../hub/api/logbook/newest-first.js';
import type { NewestFirst } from '../../hub/store/index.js';
import { assertProperty } from '../helpers/property-seed.js';

interface Entry {
  readonly ts: number;
  readonly id: string;
}

/** A source as the store's reads are: the newest `limit` entries before `before`, and the floor when it filled them. */
function read(source: readonly Entry[], before: number, limit: number): NewestFirst<Entry> {
  const items = source.filter((e) => e.ts < before).sort((a, b) => b.ts - a.ts).slice(0, limit);
  const last = items[items.length - 1];
  return { items, floor: items.length >= limit && last !== undefined ? last.ts : null };
}

/** Every page, newest first, as the logbook route asks for them. */
function pages(sources: readonly (readonly Entry[])[], limit: number): Entry[][] {
  const found: Entry[][] = [];
  let before = Number.MAX_SAFE_INTEGER;
  for (let turn = 0; turn < 10_000; turn++) {
    const page = mergeNewestFirst(sources.map((s) => read(s, before, limit + 1)), limit);
    found.push([...page.entries]);
    if (page.next === null) return found;
    if (page.next >= before) throw new Error(`paging did not move on from ${before}`);
    before = page.next;
  }
  throw new Error('paging never ended');
}

t.test('paging through merged histories gives every entry once, newest first, never ending a page inside a millisecond', async (t) => {
  const times = fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 });
  assertProperty(
    t,
    fc.property(fc.array(times, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 8 }), (raw, limit) => {
      // A source never holds more than a page at one millisecond (one series holds one reading a millisecond).
      const sources = raw.map((list, s) =>
        list.map((ts, i): Entry => ({ ts, id: `${s}-${i}` })).filter((e, i, entries) => entries.slice(0, i).filter((o) => o.ts === e.ts).length < limit),
      );
      const all = sources.flat();
      const paged = pages(sources, limit);
      const flat = paged.flat();
      if (flat.length !== all.length || new Set(flat.map((e) => e.id)).size !== all.length) return false;
      for (let i = 1; i < flat.length; i++) if ((flat[i]?.ts ?? 0) > (flat[i - 1]?.ts ?? 0)) return false;
      for (let p = 1; p < paged.length; p++) {
        const newerOldest = Math.min(...(paged[p - 1] ?? []).map((e) => e.ts));
        if ((paged[p] ?? []).some((e) => e.ts >= newerOldest)) return false;
      }
      // A page is longer than asked only when one millisecond holds more than a page.
      return paged.every((page) => page.length <= limit || new Set(page.map((e) => e.ts)).size === 1);
    }),
  );
});

t.test('an empty history is one empty last page; a full one points at the next', async (t) => {
  t.same(mergeNewestFirst([{ items: [], floor: null }], 5), { entries: [], next: null });
  const three = [{ ts: 30, id: 'x' }, { ts: 20, id: 'y' }, { ts: 10, id: 'z' }];
  t.same(mergeNewestFirst([read(three, Number.MAX_SAFE_INTEGER, 3)], 2), { entries: three.slice(0, 2), next: 11 }, 'two of three, and the next page starts at the third');
  const tied = [{ ts: 30, id: 'x' }, { ts: 20, id: 'y' }, { ts: 20, id: 'w' }];
  t.same(mergeNewestFirst([read(tied, Number.MAX_SAFE_INTEGER, 3)], 2), { entries: tied.slice(0, 1), next: 21 }, 'a page ends before a millisecond it cannot hold whole');
});
