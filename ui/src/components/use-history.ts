import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** A page of a history read newest first; `next` is the `before` of the page after it, null on the last. */
export interface HistoryPage<Item extends { readonly ts: number }> {
  readonly items: readonly Item[];
  readonly next: number | null;
}

export interface History<Item extends { readonly ts: number }> extends HistoryPage<Item> {
  readonly loading: boolean;
  readonly failure: unknown;
  /** Asks for the page after the ones shown. */
  readonly older: () => Promise<void>;
  /** Asks for the newest page again and lays it over the top of what is shown. */
  readonly refresh: () => Promise<void>;
}

/**
 * The newest page laid over what is shown: it replaces every item as new as its oldest, and the
 * older pages already shown stay below it. A page never ends inside a millisecond, so nothing is
 * shown twice or lost.
 */
export function overlayNewest<Item extends { readonly ts: number }>(shown: HistoryPage<Item>, fresh: HistoryPage<Item>): HistoryPage<Item> {
  if (fresh.next === null) return fresh;
  const cut = fresh.next;
  return { items: [...fresh.items, ...shown.items.filter((item) => item.ts < cut)], next: shown.next === null ? null : Math.min(shown.next, cut) };
}

interface State<Item extends { readonly ts: number }> extends HistoryPage<Item> {
  /** False until the first page came: until then nothing shown says where the history ends. */
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly failure: unknown;
}

/** A history shown newest first, an "Older" page at a time, its newest page asked again when there is news. */
export function useHistory<Item extends { readonly ts: number }>(load: (before: number | undefined) => Promise<HistoryPage<Item>>): History<Item> {
  const [state, setState] = useState<State<Item>>({ items: [], next: null, loaded: false, loading: true, failure: undefined });
  const loader = useRef(load);
  loader.current = load;
  const mounted = useRef(true);
  const cursor = useRef<number | null>(null);
  cursor.current = state.next;

  const apply = (update: (previous: State<Item>) => HistoryPage<Item> | undefined): void => {
    if (mounted.current) setState((previous) => ({ ...previous, ...update(previous), loaded: true, loading: false, failure: undefined }));
  };
  const fail = (failure: unknown): void => {
    if (mounted.current) setState((previous) => ({ ...previous, loading: false, failure }));
  };

  const refresh = useCallback(async (): Promise<void> => {
    await loader.current(undefined).then((fresh) => apply((previous) => (previous.loaded ? overlayNewest(previous, fresh) : fresh)), fail);
  }, []);
  const older = useCallback(async (): Promise<void> => {
    const before = cursor.current;
    if (before === null) return;
    setState((previous) => ({ ...previous, loading: true }));
    // A page for a cursor that moved on meanwhile (the newest page came again) is not appended.
    await loader.current(before).then((page) => apply((previous) => (previous.next === before ? { items: [...previous.items, ...page.items], next: page.next } : undefined)), fail);
  }, []);

  useEffect(() => {
    mounted.current = true;
    void refresh();
    return () => {
      mounted.current = false;
    };
  }, [refresh]);

  const { items, next, loading, failure } = state;
  return { items, next, loading, failure, older, refresh };
}
