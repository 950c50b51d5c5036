import { useLayoutEffect } from 'preact/hooks';
import type { User } from '../api/types.js';
import { href, type DashboardApp } from '../apps/dashboard-app.js';
import { Frame } from './frame.js';
import { currentHash, matchRoute } from './router.js';

interface SignedInProps {
  readonly user: User;
  readonly areas: readonly DashboardApp[];
  readonly onSignOut: () => void;
}

/** The dashboard once someone is signed in: the frame, and the page the address names. */
export function SignedIn({ user, areas, onSignOut }: SignedInProps) {
  const hash = currentHash.value;
  const matched = matchRoute(
    areas.flatMap((area) => area.pages),
    hash,
  );

  useLayoutEffect(() => window.scrollTo(0, 0), [hash]);

  const Page = matched?.route.page;
  const tileBadges = areas.flatMap((area) => (area.tileBadge === undefined ? [] : [area.tileBadge]));
  return (
    <Frame user={user} nav={areas.flatMap((area) => area.nav)} section={matched?.route.section} onSignOut={onSignOut}>
      {/* Keyed by the address: a new address is a new page, with nothing carried over. */}
      {Page !== undefined && matched !== undefined ? <Page key={hash} user={user} params={matched.params} tileBadges={tileBadges} /> : <NotFoundPage />}
    </Frame>
  );
}

function NotFoundPage() {
  return (
    <section class="page">
      <h1>Page not found</h1>
      <p>
        <a href={href('/')}>Back to the household</a>
      </p>
    </section>
  );
}
