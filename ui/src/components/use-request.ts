import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Request<T> {
  /** The last answer; kept while a reload is on its way, so a list does not blink. */
  readonly value: T | undefined;
  /** Why the last call failed, or undefined when it answered. */
  readonly failure: unknown;
  readonly loading: boolean;
  /** Asks again; resolves once the answer (or failure) is on screen. */
  readonly reload: () => Promise<void>;
}

/**
 * Asks the hub when the component mounts and whenever `reload` is called. Only the newest call's
 * answer is kept, so a slow earlier answer never overwrites a later one, and nothing is set after
 * the component is gone.
 */
export function useRequest<T>(load: () => Promise<T>): Request<T> {
  const [state, setState] = useState<{ value: T | undefined; failure: unknown; loading: boolean }>({ value: undefined, failure: undefined, loading: true });
  const loader = useRef(load);
  loader.current = load;
  const latest = useRef(0);
  const mounted = useRef(true);

  const reload = useCallback(async (): Promise<void> => {
    const call = ++latest.current;
    try {
      const value = await loader.current();
      if (mounted.current && call === latest.current) setState({ value, failure: undefined, loading: false });
    } catch (failure) {
      if (mounted.current && call === latest.current) setState((previous) => ({ value: previous.value, failure, loading: false }));
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    void reload();
    return () => {
      mounted.current = false;
    };
  }, [reload]);

  return { ...state, reload };
}
