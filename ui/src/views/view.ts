import type { User } from '../api/types.js';

/** What a page gets: who is signed in and the route's parameters. */
export interface ViewContext {
  readonly user: User;
  readonly params: Readonly<Record<string, string>>;
}

/** A mounted page; `dispose` stops its timers, sockets and charts when the route changes. */
export interface View {
  readonly element: HTMLElement;
  dispose?(): void;
}

export type ViewFactory = (context: ViewContext) => View;
