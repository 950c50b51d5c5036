import type { Logger } from 'pino';
import type { Accounts } from '../accounts/accounts.js';
import type { HubBus } from '../bus/hub-events.js';
import type { Clock } from '../../core/clock.js';
import type { HouseholdRegistry } from '../household/household-registry.js';
import type { Ingest } from '../ingest/ingest.js';
import type { AlertChannelsService } from '../services/alert-channels-service.js';
import type { AlertsView } from '../services/alerts-service.js';
import type { DeviceSignals } from '../services/device-signals.js';
import type { FoodJournalView } from '../services/food-journal-service.js';
import type { FoodsView } from '../services/foods-service.js';
import type { MedicinesView } from '../services/medicines-service.js';
import type { GoalsView } from '../services/goals-service.js';
import type { HouseholdTimeZone } from '../services/household-time-zone.js';
import type { InsightsView } from '../services/insights-service.js';
import type { ServiceSlot } from '../services/service-slot.js';
import type { SleepView } from '../services/sleep-service.js';
import type { SourceStatus } from '../services/source-status.js';
import type { Store } from '../store/index.js';
import type { HouseholdView } from './household-view.js';
import type { PairingWindow } from './pairing-window.js';

/** What the routes, the live socket and GraphQL share. */
export interface ApiDeps {
  readonly accounts: Accounts;
  readonly registry: HouseholdRegistry;
  readonly store: Store;
  readonly bus: HubBus;
  readonly ingest: Ingest;
  readonly clock: Clock;
  readonly pairing: PairingWindow;
  /** The alerts engine's view, while the alerts part runs. */
  readonly alerts: ServiceSlot<AlertsView>;
  /** The alert channels as the household set them up, while the alerts part runs. */
  readonly alertChannels: ServiceSlot<AlertChannelsService>;
  /** The models' insights, while the inference part runs. */
  readonly insights: ServiceSlot<InsightsView>;
  /** SleepOracle's analysed sleep, while it runs. */
  readonly sleep: ServiceSlot<SleepView>;
  /** HealthQuest's goals, while it runs. */
  readonly goals: ServiceSlot<GoalsView>;
  /** NutriVerse's food table, while it runs. */
  readonly foods: ServiceSlot<FoodsView>;
  /** NutriVerse's food and drink journal, while it runs. */
  readonly foodJournal: ServiceSlot<FoodJournalView>;
  /** NutriVerse's medicines, while it runs. */
  readonly medicines: ServiceSlot<MedicinesView>;
  readonly household: HouseholdView;
  /** What the sources report: the Bluetooth radio, the simulated household. */
  readonly sources: SourceStatus;
  /** The household's time zone as the other parts read it; the settings route keeps it current. */
  readonly timeZone: HouseholdTimeZone;
  /** Each Bluetooth device's newest signal strength, while the Bluetooth part runs. */
  readonly signals: ServiceSlot<DeviceSignals>;
  readonly log: Logger;
  readonly session: { readonly idleMs: number; readonly absoluteMs: number };
  /** Lifetime of a device cookie (hub/accounts/device-trust.ts). */
  readonly trustedDeviceMs: number;
}
