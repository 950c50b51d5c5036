import type { ComponentChildren } from 'preact';
import type { User } from '../api/types.js';
import type { NavEntry } from '../apps/dashboard-app.js';
import { href } from '../apps/dashboard-app.js';
import { AlertBanner } from './alert-banner.js';
import { DemoBadge } from './demo-badge.js';
import { ConnectionStatus } from './connection-status.js';
import { MainNav } from './main-nav.js';
import { ThemeToggle } from './theme-toggle.js';

interface FrameProps {
  readonly user: User;
  readonly nav: readonly NavEntry[];
  readonly section: string | undefined;
  readonly onSignOut: () => void;
  readonly children: ComponentChildren;
}

/** The frame around every signed-in page: skip link, navigation, alert banner, connection state. */
export function Frame({ user, nav, section, onSignOut, children }: FrameProps) {
  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href={href('/')}>
          <span aria-hidden="true">♥ </span>Hearth
        </a>
        <DemoBadge owner={user.role === 'owner'} />
        <MainNav entries={nav} current={section} />
        <div class="topbar-tools">
          <ConnectionStatus />
          <ThemeToggle />
          <span class="user-name">{user.displayName}</span>
          <button type="button" class="link-button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <AlertBanner />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** The skip link moves focus rather than the hash, which holds the route. */
function skipToMain(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
