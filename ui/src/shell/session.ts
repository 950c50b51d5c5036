import { signal } from '@preact/signals';
import { ApiError, type ApiClient } from '../api/client.js';
import type { LiveSocket } from '../api/live-socket.js';
import type { SessionInfo, SetupProgress, SetupStep } from '../api/types.js';
import type { LastOverview, SavedOverview } from '../offline/last-overview.js';
import type { AlertsState } from '../state/alerts.js';
import { forgetPeople, loadPeople } from '../state/household.js';
import { forgetHubStatus, loadHubStatus } from '../state/hub-status.js';
import { forgetSettings, loadSettings } from '../state/settings.js';
import type { LatestValues } from '../state/latest-values.js';

/** What the dashboard shows: nothing until the hub has answered, so no screen flashes by. */
export type Screen =
  | { readonly kind: 'starting' }
  | { readonly kind: 'first-run' }
  | { readonly kind: 'sign-in' }
  | { readonly kind: 'signed-in'; readonly session: SessionInfo }
  /** The owner in the first-run setup, on the step the hub keeps for them. */
  | { readonly kind: 'setup'; readonly session: SessionInfo; readonly step: SetupStep }
  | { readonly kind: 'unreachable'; readonly error: unknown }
  /** Unreachable, with the values this browser last received for the account last signed in. */
  | { readonly kind: 'offline'; readonly saved: SavedOverview };

/** Decides between first run, sign-in, the first-run setup and the dashboard, and starts and stops what a session needs. */
export class Session {
  readonly screen = signal<Screen>({ kind: 'starting' });
  /** Asks the hub again from the start (a button, or the device back on a network); one function, so it can be added and removed as a listener. */
  readonly retry = (): void => void this.start();

  constructor(
    private readonly api: ApiClient,
    private readonly live: LiveSocket,
    private readonly alerts: AlertsState,
    private readonly latestValues: LatestValues,
    private readonly lastOverview: LastOverview,
  ) {
    api.onSessionEnded = () => {
      const { kind } = this.screen.peek();
      if (kind === 'signed-in' || kind === 'setup') this.signedOut();
    };
  }

  async start(): Promise<void> {
    // Every question at once: on a phone each round trip before the first reading counts. The
    // live socket and the household are asked for on the guess that the session is still valid;
    // when it is not, they fail quietly and the sign-in page stops them.
    const onboarding = this.api.get<{ needed: boolean }>('/onboarding');
    const me = this.api.get<SessionInfo>('/me').catch((error: unknown) => error);
    this.live.start();
    loadPeople().catch(() => undefined);
    try {
      if ((await onboarding).needed) {
        this.live.stop();
        this.screen.value = { kind: 'first-run' };
        return;
      }
      const session = await me;
      if (session instanceof ApiError && session.status === 401) {
        // The hub has ended the session (expired, revoked) while no page was open: its kept values go too.
        this.lastOverview.forget();
        this.showSignIn();
      }
      else if (session instanceof Error) throw session;
      else await this.enter(session as SessionInfo);
    } catch (error) {
      const saved = error instanceof ApiError && error.status === 0 ? this.lastOverview.saved() : undefined;
      if (saved === undefined) {
        this.screen.value = { kind: 'unreachable', error };
        return;
      }
      this.live.stop();
      for (const person of saved.people) this.latestValues.seed(person.id, person.latest);
      this.screen.value = { kind: 'offline', saved };
    }
  }

  /**
   * Someone is signed in (a session still valid, or the sign-in form): an owner who began the
   * first-run setup and has not finished it is taken back to its step, from any browser.
   */
  async enter(session: SessionInfo): Promise<void> {
    const step = session.user.role === 'owner' ? await this.setupStep() : undefined;
    this.signedIn(session, step);
  }

  /** The first run made the owner: the setup begins, at its first step. A hub that refuses shows the dashboard. */
  async onboarded(session: SessionInfo): Promise<void> {
    this.api.remember(session);
    const begun = await this.api.put<SetupProgress>('/setup', { step: 'people', done: false }).catch(() => undefined);
    this.signedIn(session, begun?.state === 'in_progress' ? begun.step : undefined);
  }

  /** The owner finished the setup: the dashboard, on the page its last step hands over to. */
  setupFinished(path: string): void {
    const screen = this.screen.peek();
    if (screen.kind !== 'setup') return;
    location.hash = path;
    this.screen.value = { kind: 'signed-in', session: screen.session };
  }

  signedIn(session: SessionInfo, setupStep?: SetupStep): void {
    this.api.remember(session);
    this.lastOverview.signedIn(session.user.id);
    this.live.start();
    this.live.reconnectNow();
    this.alerts.start();
    this.latestValues.start();
    // Values show in the canonical units until the settings arrive; a failure leaves them so.
    loadSettings().catch(() => undefined);
    loadHubStatus().catch(() => undefined);
    this.screen.value = setupStep !== undefined ? { kind: 'setup', session, step: setupStep } : { kind: 'signed-in', session };
  }

  async signOut(): Promise<void> {
    try {
      await this.api.post('/auth/logout');
    } finally {
      this.signedOut();
    }
  }

  private signedOut(): void {
    this.alerts.stop();
    this.latestValues.stop();
    this.api.forget();
    // The values kept for an unreachable hub leave this browser with the person.
    this.lastOverview.forget();
    forgetPeople();
    forgetSettings();
    forgetHubStatus();
    this.showSignIn();
  }

  /** The step of a setup begun and not finished; undefined otherwise, or when the hub does not say. */
  private async setupStep(): Promise<SetupStep | undefined> {
    try {
      const progress = await this.api.get<SetupProgress>('/setup');
      return progress.state === 'in_progress' ? progress.step : undefined;
    } catch {
      return undefined;
    }
  }

  private showSignIn(): void {
    this.live.stop();
    this.screen.value = { kind: 'sign-in' };
  }
}
