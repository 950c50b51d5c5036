import type { ReadonlySignal } from '@preact/signals';
import type { ComponentType } from 'preact';
import type { User } from '../api/types.js';

/**
 * What an app (VitalTrack today; sleep, goals and the others later) hands the dashboard's shell:
 * its pages by path and its entries in the main navigation. The shell draws the frame, signs
 * people in and picks the page for the address; an app never reaches into the shell.
 */
export interface DashboardApp {
  readonly name: string;
  readonly nav: readonly NavEntry[];
  readonly pages: readonly PageRoute[];
  /** What the app adds to each person's tile on the household page (HealthQuest's avatar). */
  readonly tileBadge?: TileBadge;
}

/** A small thing of an app's on a person's tile; it says itself in words for a screen reader. */
export type TileBadge = ComponentType<{ readonly personId: string; readonly name: string }>;

export interface NavEntry {
  /** Where the entry leads; pages name it as their `section`. */
  readonly path: string;
  readonly label: string;
  readonly badge?: NavBadge;
}

/** A count beside a navigation entry, hidden at zero (the alerts nobody has acknowledged). */
export interface NavBadge {
  readonly count: ReadonlySignal<number>;
  /** Read out instead of the bare number. */
  readonly label: (count: number) => string;
}

export interface PageRoute {
  /** `/people/:personId`: a `:name` part is handed to the page as a parameter. */
  readonly path: string;
  readonly page: Page;
  /** The navigation entry (its path) shown as current while this page is open. */
  readonly section: string;
}

/** What a page gets: who is signed in and the route's parameters. */
export interface PageProps {
  readonly user: User;
  readonly params: Readonly<Record<string, string>>;
  /** Every installed app's tile badge, for the pages that draw people's tiles. */
  readonly tileBadges: readonly TileBadge[];
}

export type Page = ComponentType<PageProps>;

/** Dashboard links are hash links (#/people/alex), so the hub's page fallback never needs to know them. */
export function href(path: string): string {
  return `#${path}`;
}
