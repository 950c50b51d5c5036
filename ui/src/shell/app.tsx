import { FirstRunPage } from '../account/first-run-page.js';
import { SignInPage } from '../account/sign-in-page.js';
import { INSTALLED_APPS } from '../apps/installed-apps.js';
import { lazyPage } from '../components/lazy-page.js';
import { settingsArea } from '../settings/settings-area.js';
import type { SessionInfo } from '../api/types.js';
import type { Session } from './session.js';
import { OfflinePage } from './offline-page.js';
import { SignedIn } from './signed-in.js';
import { UnreachablePage } from './unreachable-page.js';

/** Every area's pages and navigation: the apps first, the hub's settings last. */
const AREAS = [...INSTALLED_APPS, settingsArea];

/** Loaded only by the owner who is in it: nobody else's first screen carries it. */
const SetupWizard = lazyPage(() => import('../setup/setup-wizard.js').then((module) => module.SetupWizard));

/** The whole dashboard: the screen the session is on. */
export function App({ session }: { readonly session: Session }) {
  const screen = session.screen.value;
  const enter = (signedIn: SessionInfo): void => void session.enter(signedIn);
  const onboarded = (signedIn: SessionInfo): void => void session.onboarded(signedIn);
  const retry = session.retry;
  switch (screen.kind) {
    case 'starting':
      return null;
    case 'first-run':
      return <FirstRunPage onSignedIn={onboarded} />;
    case 'sign-in':
      return <SignInPage onSignedIn={enter} />;
    case 'unreachable':
      return <UnreachablePage error={screen.error} onRetry={() => void session.start()} />;
    case 'offline':
      return <OfflinePage saved={screen.saved} onRetry={retry} />;
    case 'setup':
      return <SetupWizard user={screen.session.user} step={screen.step} onFinished={(path) => session.setupFinished(path)} />;
    case 'signed-in':
      return <SignedIn user={screen.session.user} areas={AREAS} onSignOut={() => void session.signOut()} />;
  }
}
