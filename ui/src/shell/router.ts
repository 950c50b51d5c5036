import { signal } from '@preact/signals';
import type { PageRoute } from '../apps/dashboard-app.js';

/** The address after '#' (#/people/alex?range=7d): the hub serves the same page for all of them. */
export const currentHash = signal(location.hash);

export function startRouter(): () => void {
  const follow = (): void => {
    currentHash.value = location.hash;
  };
  window.addEventListener('hashchange', follow);
  return () => window.removeEventListener('hashchange', follow);
}

export interface MatchedRoute {
  readonly route: PageRoute;
  readonly params: Readonly<Record<string, string>>;
}

/** The page for an address; the query (?range=…) is the page's own business. */
export function matchRoute(routes: readonly PageRoute[], hash: string): MatchedRoute | undefined {
  const path = hash.replace(/^#/, '').split('?')[0] || '/';
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params !== undefined) return { route, params };
  }
  return undefined;
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] ?? '';
    const value = have[i] ?? '';
    if (part.startsWith(':')) {
      if (value === '') return undefined;
      params[part.slice(1)] = decodeURIComponent(value);
    } else if (part !== value) return undefined;
  }
  return params;
}
