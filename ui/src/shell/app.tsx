import { FirstRunPage } from '../account/first-run-page.js';
import { SignInPage } from '../account/sign-in-page.js';
import { INSTALLED_APPS } from '../apps/installed-apps.js';
import { settingsArea } from '../settings/settings-area.js';
import type { Session } from './session.js';
import { OfflinePage } from './offline-page.js';
import { SignedIn } from './signed-in.js';
import { UnreachablePage } from './unreachable-page.js';

/** Every area's pages and navigation: the apps first, the hub's settings last. */
const AREAS = [...INSTALLED_APPS, settingsArea];

/** The whole dashboard: the screen the session is on. */
export function App({ session }: { readonly session: Session }) {
  const screen = session.screen.value;
  const signedIn = session.signedIn.bind(session);
  const retry = session.retry;
  switch (screen.kind) {
    case 'starting':
      return null;
    case 'first-run':
      return <FirstRunPage onSignedIn={signedIn} />;
    case 'sign-in':
      return <SignInPage onSignedIn={signedIn} />;
    case 'unreachable':
      return <UnreachablePage error={screen.error} onRetry={() => void session.start()} />;
    case 'offline':
      return <OfflinePage saved={screen.saved} onRetry={retry} />;
    case 'signed-in':
      return <SignedIn user={screen.session.user} areas={AREAS} onSignOut={() => void session.signOut()} />;
  }
}
