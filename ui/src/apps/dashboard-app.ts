import type { ComponentType } from 'preact';
import type { User } from '../api/types.js';

/** What a page gets: who is signed in and the route's parameters. */
export interface PageProps {
  readonly user: User;
  readonly params: Readonly<Record<string, string>>;
}

export type Page = ComponentType<PageProps>;

/** Dashboard links are hash links (#/people/alex), so the hub's page fallback never needs to know them. */
export function href(path: string): string {
  return `#${path}`;
}
