import { useEffect, useState } from 'preact/hooks';
import type { Page, PageProps } from '../apps/dashboard-app.js';

type Loaded = { readonly state: 'loading' } | { readonly state: 'ready'; readonly page: Page } | { readonly state: 'failed' };

/**
 * A page whose code is fetched the first time someone opens it, so the first screen a phone
 * loads carries only the household overview and the frame. The module is asked for once; a failed
 * fetch (the hub restarted with a newer dashboard, or the network went) says so and offers a reload.
 */
export function lazyPage(load: () => Promise<Page>): Page {
  let pending: Promise<Page> | undefined;
  let loaded: Page | undefined;
  const fetchOnce = (): Promise<Page> => {
    pending ??= load().then(
      (page) => (loaded = page),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };

  return function LazyPage(props: PageProps) {
    const [current, setCurrent] = useState<Loaded>(loaded === undefined ? { state: 'loading' } : { state: 'ready', page: loaded });
    useEffect(() => {
      if (current.state === 'ready') return undefined;
      let cancelled = false;
      fetchOnce().then(
        (page) => {
          if (!cancelled) setCurrent({ state: 'ready', page });
        },
        () => {
          if (!cancelled) setCurrent({ state: 'failed' });
        },
      );
      return () => {
        cancelled = true;
      };
    }, [current.state]);

    if (current.state === 'ready') {
      const Loaded = current.page;
      return <Loaded {...props} />;
    }
    if (current.state === 'failed') {
      return (
        <section class="page">
          <h1>This page did not load</h1>
          <p>The hub could not be reached, or it has a newer dashboard since this one was opened.</p>
          <p>
            <button type="button" onClick={() => location.reload()}>
              Reload the dashboard
            </button>
          </p>
        </section>
      );
    }
    return (
      <section class="page" aria-busy="true">
        <p class="status" role="status">
          Loading…
        </p>
      </section>
    );
  };
}
