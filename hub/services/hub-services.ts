import type { AlertChannelsService, AlertTopic } from './alert-channels-service.js';
import type { AlertsView } from './alerts-service.js';
import type { DeviceSignals } from './device-signals.js';
import type { FoodJournalView } from './food-journal-service.js';
import type { FoodsView } from './foods-service.js';
import type { MedicinesView } from './medicines-service.js';
import type { GoalsView } from './goals-service.js';
import { HouseholdTimeZone } from './household-time-zone.js';
import { RemovalParticipants } from './household-removal.js';
import type { InsightsView } from './insights-service.js';
import type { ModelRegistry } from '../inference/model-registry.js';
import { MetricHooks } from './metric-hooks.js';
import { ServiceSlot } from './service-slot.js';
import type { SimulationControl } from './simulation-control.js';
import type { SleepView } from './sleep-service.js';
import { SourceStatus } from './source-status.js';

/**
 * What parts offer each other, made by the hub's core for each start and handed to every part in
 * its context: a part finds another's service here, never through module state.
 */
export interface HubServices {
  /** The alerts engine's view, while the alerts part runs: the API's alert routes and GraphQL read it. */
  readonly alerts: ServiceSlot<AlertsView>;
  /** The alert channels as the household set them up, while the alerts part runs: the API and the MQTT publisher read them. */
  readonly alertChannels: ServiceSlot<AlertChannelsService>;
  /** The broker's alert topic, while the MQTT part's broker runs: the alerts part sends its test message there. */
  readonly alertTopic: ServiceSlot<AlertTopic>;
  /** The insights the models raised, while the inference part runs. */
  readonly insights: ServiceSlot<InsightsView>;
  /** The shipped models the inference part loaded, while it runs: an app scores with them without loading its own copy. */
  readonly models: ServiceSlot<ModelRegistry>;
  /** The household's analysed sleep, while SleepOracle runs. */
  readonly sleep: ServiceSlot<SleepView>;
  /** Each person's goals and streaks, while HealthQuest runs. */
  readonly goals: ServiceSlot<GoalsView>;
  /** The food composition table and its search, while NutriVerse runs. */
  readonly foods: ServiceSlot<FoodsView>;
  /** Each person's food and drink journal, while NutriVerse runs. */
  readonly foodJournal: ServiceSlot<FoodJournalView>;
  /** Each person's medicines and doses, while NutriVerse runs. */
  readonly medicines: ServiceSlot<MedicinesView>;
  /** Where parts report their own figures for /metrics. */
  readonly metrics: MetricHooks;
  /** What the sources report about themselves: the Bluetooth radio's state, the simulated household. */
  readonly sources: SourceStatus;
  /** The simulated household's part, while it runs: the API stops it when the household removes it. */
  readonly simulation: ServiceSlot<SimulationControl>;
  /** Parts that keep rows about people or devices, for removing them with the household's own. */
  readonly removal: RemovalParticipants;
  /** The household's time zone from its settings, for what is read in local time (quiet hours). */
  readonly timeZone: HouseholdTimeZone;
  /** Each Bluetooth device's newest signal strength, while the Bluetooth part runs. */
  readonly signals: ServiceSlot<DeviceSignals>;
}

export function createHubServices(): HubServices {
  return {
    alerts: new ServiceSlot<AlertsView>('alerts'),
    alertChannels: new ServiceSlot<AlertChannelsService>('alert channels'),
    alertTopic: new ServiceSlot<AlertTopic>('alert topic'),
    insights: new ServiceSlot<InsightsView>('insights'),
    models: new ServiceSlot<ModelRegistry>('models'),
    sleep: new ServiceSlot<SleepView>('sleep'),
    goals: new ServiceSlot<GoalsView>('goals'),
    foods: new ServiceSlot<FoodsView>('foods'),
    foodJournal: new ServiceSlot<FoodJournalView>('food journal'),
    medicines: new ServiceSlot<MedicinesView>('medicines'),
    metrics: new MetricHooks(),
    sources: new SourceStatus(),
    simulation: new ServiceSlot<SimulationControl>('simulation'),
    removal: new RemovalParticipants(),
    timeZone: new HouseholdTimeZone(),
    signals: new ServiceSlot<DeviceSignals>('signals'),
  };
}
