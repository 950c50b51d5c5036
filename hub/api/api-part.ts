import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import { Accounts } from '../accounts/accounts.js';
import type { ScryptCost } from '../accounts/password-hash.js';
import type { HubContext, HubPart, HubPartFactory } from '../daemon/hub-part.js';
import type { ApiDeps } from './api-deps.js';
import { DemoHouseholdRemoval } from './demo-household.js';
import { installErrorHandler } from '../http/api-error.js';
import { registerGraphql } from './graphql/graphql-route.js';
import { HouseholdView } from './household-view.js';
import { DEFAULT_LIVE_LIMITS, type LiveLimits } from './live/live-connection.js';
import { LiveFanout } from './live/live-route.js';
import { PairingWindow } from './pairing-window.js';
import { StreamCredentials } from './stream-credentials.js';
import { installAuthHook } from '../http/request-auth.js';
import { registerAlertChannelRoutes } from './routes/alert-channel-routes.js';
import { registerAlertRoutes } from './routes/alerts-routes.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerDemoRoutes } from './routes/demo-routes.js';
import { registerDevicePageRoutes } from './routes/device-page-routes.js';
import { registerDeviceRoutes } from './routes/device-routes.js';
import { registerExportRoute } from './routes/export-route.js';
import { registerHubStatusRoute } from './routes/hub-status-route.js';
import { registerIngestRoute } from './routes/ingest-route.js';
import { registerLogbookRoute } from './routes/logbook-route.js';
import { registerPasswordRoute } from './routes/password-route.js';
import { registerPeopleRoutes } from './routes/people-routes.js';
import { registerSeriesRoutes } from './routes/series-routes.js';
import { registerSleepRoutes } from './routes/sleep-routes.js';
import { registerChallengeRoutes } from './routes/challenge-routes.js';
import { registerFoodJournalRoutes } from './routes/food-journal-routes.js';
import { registerFoodRoutes } from './routes/food-routes.js';
import { registerMedicineRoutes } from './routes/medicine-routes.js';
import { registerGoalRoutes } from './routes/goals-routes.js';
import { registerSettingsRoutes } from './routes/settings-routes.js';
import { registerSetupRoutes } from './routes/setup-routes.js';
import { registerTokenRoutes } from './routes/token-routes.js';
import { registerUserRoutes } from './routes/user-routes.js';
import { BUILT_UI_DIR, registerStaticUi } from './static-ui.js';

export const API_PART = 'api';

/** Largest message a dashboard or GraphQL client may send over a socket. */
const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

export interface ApiPartOptions {
  /** Tests lower the password hashing cost; the hub keeps the default. */
  readonly scryptCost?: ScryptCost;
  readonly liveLimits?: Partial<LiveLimits>;
}

/** The dashboard's API: accounts and sessions, REST under /api/v1, the live socket, GraphQL, exports and the UI files. */
export function apiPartFactory(options: ApiPartOptions = {}): HubPartFactory {
  return (context: HubContext): HubPart | undefined => {
    const { config } = context;
    if (!config.api.enabled) return undefined;
    const log = context.logging.part(API_PART);
    let pairing: PairingWindow | undefined;
    let streams: StreamCredentials | undefined;
    return {
      name: API_PART,
      start: async () => {
        const app = context.http;
        const accounts = new Accounts({
          db: context.store.db,
          clock: context.clock,
          sessions: { idleMs: config.api.sessionIdleMinutes * 60_000, absoluteMs: config.api.sessionMaxHours * 3_600_000 },
          login: {
            maxFailuresPerUser: config.api.loginMaxFailures,
            maxFailuresPerAddress: config.api.loginAddressMaxFailures,
            maxUntrustedFailuresPerUser: config.api.loginUntrustedMaxFailures,
            windowMs: config.api.loginWindowMinutes * 60_000,
            lockMs: config.api.lockoutMinutes * 60_000,
          },
          trustedDeviceMs: config.api.trustedDeviceDays * 86_400_000,
          ...(options.scryptCost !== undefined ? { scryptCost: options.scryptCost } : {}),
        });
        pairing = new PairingWindow(context.bus, context.clock, API_PART);
        const deps: ApiDeps = {
          accounts,
          registry: context.registry,
          store: context.store,
          bus: context.bus,
          ingest: context.ingest,
          clock: context.clock,
          pairing,
          alerts: context.services.alerts,
          alertChannels: context.services.alertChannels,
          insights: context.services.insights,
          sleep: context.services.sleep,
          goals: context.services.goals,
          foods: context.services.foods,
          foodJournal: context.services.foodJournal,
          medicines: context.services.medicines,
          household: new HouseholdView(context.registry, context.store, context.services.alerts),
          sources: context.services.sources,
          timeZone: context.services.timeZone,
          signals: context.services.signals,
          log,
          session: { idleMs: config.api.sessionIdleMinutes * 60_000, absoluteMs: config.api.sessionMaxHours * 3_600_000 },
          trustedDeviceMs: config.api.trustedDeviceDays * 86_400_000,
        };
        context.services.timeZone.set(accounts.settings.read().timeZone);
        const demo = new DemoHouseholdRemoval({
          registry: context.registry,
          store: context.store,
          accounts,
          participants: context.services.removal,
          simulation: context.services.simulation,
          sources: context.services.sources,
          clock: context.clock,
          log,
        });
        await app.register(fastifyCookie);
        await app.register(fastifyWebsocket, { options: { maxPayload: MAX_SOCKET_MESSAGE_BYTES } });
        installErrorHandler(app, log);
        installAuthHook(app, accounts);
        registerAuthRoutes(app, deps);
        registerPasswordRoute(app, deps);
        registerHubStatusRoute(app, deps);
        registerPeopleRoutes(app, deps);
        registerSeriesRoutes(app, deps);
        registerSleepRoutes(app, deps);
        registerGoalRoutes(app, deps);
        registerChallengeRoutes(app, deps);
        registerFoodRoutes(app, deps);
        registerFoodJournalRoutes(app, deps);
        registerMedicineRoutes(app, deps);
        registerDeviceRoutes(app, deps);
        registerDevicePageRoutes(app, deps);
        registerLogbookRoute(app, deps);
        registerAlertRoutes(app, deps);
        registerAlertChannelRoutes(app, deps);
        registerSettingsRoutes(app, deps);
        registerSetupRoutes(app, deps);
        registerDemoRoutes(app, deps, demo);
        registerUserRoutes(app, deps);
        registerTokenRoutes(app, deps);
        registerExportRoute(app, deps);
        registerIngestRoute(app, deps);
        streams = new StreamCredentials(accounts);
        const liveLimits: LiveLimits = { ...DEFAULT_LIVE_LIMITS, ...options.liveLimits };
        const fanout = new LiveFanout(deps, liveLimits, API_PART, streams);
        fanout.register(app);
        await registerGraphql(app, deps, API_PART, {
          limits: config.api.graphql,
          credentials: streams,
          socket: { initTimeoutMs: liveLimits.authTimeoutMs, pingIntervalMs: liveLimits.pingIntervalMs },
        });
        await registerStaticUi(app, config.api.uiDir === '' ? BUILT_UI_DIR : config.api.uiDir);
        pairing.start();
        streams.start();
        fanout.start();
        context.addJob({ name: 'sessions', schedule: '*/15 * * * *', run: () => void accounts.sessions.purgeExpired() });
        if (accounts.users.count() === 0) log.warn('no account exists yet: open the dashboard to create the owner');
      },
      stop: async () => {
        pairing?.stop();
        streams?.stop();
      },
    };
  };
}

export const apiPart: HubPartFactory = apiPartFactory();
