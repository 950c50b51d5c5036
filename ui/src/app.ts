import { h as element, render } from 'preact';
import { ApiError, api } from './api/client.js';
import { live } from './api/live-socket.js';
import type { SessionInfo } from './api/types.js';
import type { Page } from './apps/dashboard-app.js';
import { AlertsPage } from './apps/vitaltrack/alerts/alerts-page.js';
import { DevicesPage } from './apps/vitaltrack/devices/devices-page.js';
import { OverviewPage } from './apps/vitaltrack/overview/overview-page.js';
import { PersonPage } from './apps/vitaltrack/person/person-page.js';
import { WaveformPage } from './apps/vitaltrack/waveform/waveform-page.js';
import { SettingsPage } from './settings/settings-page.js';
import { InsightsPage } from './apps/vitaltrack/insights/insights-page.js';
import { h, replaceChildren } from './dom.js';
import { startFreshnessTicker } from './format/freshness.js';
import { alerts } from './state/alerts.js';
import { startClock } from './state/clock.js';
import { latestValues } from './state/latest-values.js';
import { forgetPeople, loadPeople } from './state/household.js';
import { createShell, type Shell } from './layout/shell.js';
import { currentRoute, type RouteName } from './router.js';
import { errorText } from './format/error-text.js';
import { loginView } from './views/login-view.js';
import { onboardingView } from './views/onboarding-view.js';
import type { View, ViewFactory } from './views/view.js';

/** A page is a Preact component; the views not moved to components yet build their own DOM. */
type RoutePage = { readonly page: Page } | ViewFactory;

const VIEWS: Record<Exclude<RouteName, 'not-found'>, RoutePage> = {
  overview: { page: OverviewPage },
  person: { page: PersonPage },
  waveform: { page: WaveformPage },
  devices: { page: DevicesPage },
  alerts: { page: AlertsPage },
  insights: { page: InsightsPage },
  settings: { page: SettingsPage },
};

/** Decides between first-run, sign-in and the dashboard, and swaps pages on hash changes. */
export class App {
  private shell: Shell | undefined;
  private view: View | undefined;
  private session: SessionInfo | undefined;
  private readonly onHashChange = (): void => this.renderRoute();

  constructor(private readonly root: HTMLElement) {
    api.onSessionEnded = () => {
      if (this.session !== undefined) this.signedOut();
    };
    startFreshnessTicker();
    startClock();
  }

  async start(): Promise<void> {
    // Every question at once: on a phone each round trip before the first reading counts. The
    // live socket and the household are asked for on the guess that the session is still valid;
    // when it is not, they fail quietly and the sign-in page stops them.
    const onboarding = api.get<{ needed: boolean }>('/onboarding');
    const me = api.get<SessionInfo>('/me').catch((error: unknown) => error);
    live.start();
    loadPeople().catch(() => undefined);
    try {
      if ((await onboarding).needed) {
        live.stop();
        replaceChildren(this.root, onboardingView((session) => this.signedIn(session)));
        return;
      }
      const session = await me;
      if (session instanceof ApiError && session.status === 401) this.showLogin();
      else if (session instanceof Error) throw session;
      else this.signedIn(session as SessionInfo);
    } catch (error) {
      this.showFatal(error);
    }
  }

  private signedIn(session: SessionInfo): void {
    this.session = session;
    api.remember(session);
    live.start();
    live.reconnectNow();
    alerts.start();
    latestValues.start();
    this.shell?.dispose();
    this.shell = createShell(session.user, () => void this.logout());
    replaceChildren(this.root, this.shell.element);
    window.addEventListener('hashchange', this.onHashChange);
    this.renderRoute();
  }

  private renderRoute(): void {
    const shell = this.shell;
    const session = this.session;
    if (shell === undefined || session === undefined) return;
    this.view?.dispose?.();
    const route = currentRoute();
    shell.setActive(route.name);
    shell.main.replaceChildren();
    const page = route.name === 'not-found' ? undefined : VIEWS[route.name];
    if (page === undefined) {
      this.view = { element: h('section', { class: 'page' }, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the household'))) };
      replaceChildren(shell.main, this.view.element);
    } else if (typeof page === 'function') {
      this.view = page({ user: session.user, params: route.params });
      replaceChildren(shell.main, this.view.element);
    } else {
      const main = shell.main;
      render(element(page.page, { user: session.user, params: route.params }), main);
      this.view = { element: main, dispose: () => render(null, main) };
    }
    window.scrollTo(0, 0);
  }

  private async logout(): Promise<void> {
    try {
      await api.post('/auth/logout');
    } finally {
      this.signedOut();
    }
  }

  private signedOut(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    this.view?.dispose?.();
    this.view = undefined;
    this.shell?.dispose();
    this.shell = undefined;
    this.session = undefined;
    live.stop();
    alerts.stop();
    latestValues.stop();
    api.forget();
    forgetPeople();
    this.showLogin();
  }

  private showLogin(): void {
    live.stop();
    replaceChildren(this.root, loginView((session) => this.signedIn(session)));
    this.root.querySelector('input')?.focus();
  }

  private showFatal(error: unknown): void {
    const retry = h('button', { type: 'button', class: 'primary' }, 'Try again');
    retry.addEventListener('click', () => void this.start());
    replaceChildren(this.root, h('main', { class: 'auth', id: 'main' }, h('div', { class: 'auth-card' }, h('h1', {}, 'The hub is not answering'), h('p', { role: 'alert' }, errorText(error)), retry)));
  }
}
