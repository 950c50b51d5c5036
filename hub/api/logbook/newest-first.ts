import type { NewestFirst } from '../../store/index.js';

/** A page of a history, newest first, and the `before` that asks for the page after it (null on the last). */
export interface HistoryPage<Entry> {
  readonly entries: readonly Entry[];
  readonly next: number | null;
}

/**
 * Merges histories read newest first (each source asked for one more entry than the page holds)
 * into one page of about `limit` entries. A page never ends inside a millisecond: entries of the
 * same time come on the same page, so the next page, everything before `next`, misses none and
 * repeats none. Only entries newer than every source's `floor` are known to be complete.
 */
export function mergeNewestFirst<Entry extends { readonly ts: number }>(sources: readonly NewestFirst<Entry>[], limit: number): HistoryPage<Entry> {
  let horizon: number | null = null;
  for (const { floor } of sources) if (floor !== null && (horizon === null || floor > horizon)) horizon = floor;
  // A stable sort: entries of one time keep their sources' order.
  const all = sources.flatMap((s) => s.items).sort((a, b) => b.ts - a.ts);
  const known = horizon === null ? all : all.filter((e) => e.ts > (horizon ?? 0));
  const first = known[limit];
  if (first !== undefined) {
    const cut = first.ts;
    const page = known.filter((e) => e.ts > cut);
    if (page.length > 0) return { entries: page, next: cut + 1 };
    // More than a page at one millisecond: that millisecond whole, rather than a page that never ends.
    return { entries: known.filter((e) => e.ts >= cut), next: cut };
  }
  if (horizon === null) return { entries: known, next: null };
  if (known.length > 0) return { entries: known, next: horizon + 1 };
  // A source read nothing but entries of its oldest time: they are taken as they are, so paging goes on.
  const stuck = horizon;
  return { entries: all.filter((e) => e.ts >= stuck), next: stuck };
}
