import { isAbsolute, join } from 'node:path';
import type { Logger } from 'pino';
import { isMetricId } from '../../core/metrics.js';
import type { HubContext, HubPart, HubPartFactory } from '../daemon/hub-part.js';
import type { RemovalParticipant } from '../services/household-removal.js';
import { migrate } from '../store/index.js';
import type { AlertChannel } from './alert-channel.js';
import { AlertDeliveries } from './alert-deliveries.js';
import { ALERT_BUS_CHANNEL, AlertEngine } from './alert-engine.js';
import { ALERTS_SCHEMA_PART, alertMigrations, AlertStore } from './alert-store.js';
import { AlertChannelsView } from './alert-channels-view.js';
import { AlertsApiView } from './alerts-view.js';
import { CaregiverDirectory } from './caregiver-directory.js';
import { ChannelSettings } from './channel-settings.js';
import { ChannelTests } from './channel-tests.js';
import { EspeakSpeaker, type Speaker } from './espeak-speaker.js';
import { householdLookup } from './household-lookup.js';
import { LocalTime } from './local-time.js';
import { QuietHours } from './quiet-hours.js';
import type { Sleep } from './retry-with-backoff.js';
import { RuleBook } from './rule-book.js';
import { RuleEvaluator, type ReadingHistory, type RuleOutcome } from './rule-evaluator.js';
import { SpeechChannel } from './speech-channel.js';
import { SpokenAlerts } from './spoken-alerts.js';
import { WebhookChannel } from './webhook-channel.js';
import { WebhookSender } from './webhook-sender.js';

export const ALERTS_PART = 'alerts';

/** What tests (and other boxes) may put in place of the real transports. */
export interface AlertsPartOptions {
  readonly speaker?: Speaker;
  readonly fetch?: typeof fetch;
  readonly sleep?: Sleep;
  readonly random?: () => number;
}

interface Running {
  readonly engine: AlertEngine;
  readonly evaluator: RuleEvaluator;
  readonly store: AlertStore;
  readonly view: AlertsApiView;
  readonly channelsView: AlertChannelsView;
  readonly channels: readonly AlertChannel[];
  readonly deliveries: AlertDeliveries;
  readonly abort: AbortController;
  readonly removal: RemovalParticipant;
}

/**
 * Alerts a household cannot miss: rules evaluated on every accepted reading and on a one-minute
 * tick, the alert lifecycle with its history in SQLite, and the channels. Every change goes on the
 * bus (`alert.changed`), where the dashboard's live socket, MQTT and the hub's speaker hear it; the
 * engine pushes to webhooks itself. The API reads and acknowledges alerts through the view this part
 * provides in the hub's services.
 */
export class AlertsPart implements HubPart {
  readonly name = ALERTS_PART;
  private running: Running | undefined;
  private readonly logger: Logger;

  constructor(
    private readonly context: HubContext,
    private readonly options: AlertsPartOptions = {},
  ) {
    this.logger = context.logging.part(ALERTS_PART);
  }

  async start(): Promise<void> {
    const { config, clock, bus, store, registry, services } = this.context;
    const settings = config.alerts;
    migrate(store.db, ALERTS_SCHEMA_PART, alertMigrations);
    const rules = new RuleBook(settings);
    // The household's own zone (its settings) when it chose one, else the config's, else the box's.
    const zone = (): string => services.timeZone.orElse(settings.quietHours.timeZone);
    const time = new LocalTime(zone);
    const alertStore = new AlertStore(store.db);
    // The file's channels, under the household's own edits from the dashboard; every channel asks at each delivery.
    const channelSettings = new ChannelSettings(store.db, settings);
    const now = () => channelSettings.current();
    const abort = new AbortController();
    const speechDir = isAbsolute(settings.speech.dir) ? settings.speech.dir : join(config.dataDir, settings.speech.dir);
    const speaker = this.options.speaker ?? new EspeakSpeaker({ dir: speechDir, device: settings.speech.device, voice: settings.speech.voice, logger: this.logger });
    const transport = {
      signal: abort.signal,
      timeoutMs: settings.webhookRetry.timeoutMs,
      ...(this.options.fetch !== undefined ? { fetch: this.options.fetch } : {}),
      ...(this.options.sleep !== undefined ? { sleep: this.options.sleep } : {}),
      ...(this.options.random !== undefined ? { random: this.options.random } : {}),
    };
    const sender = new WebhookSender({ retry: settings.webhookRetry, ...transport });
    const channels: AlertChannel[] = [new WebhookChannel(sender, () => now().webhooks, settings.dashboardUrl)];
    // A speaker handed in (a test's, another box's) is taken to be heard; espeak without a device only writes files.
    const audible = (): boolean => this.options.speaker !== undefined || now().speech.device !== '';
    const speech = new SpeechChannel(speaker, () => ({ ...now().speech, audible: audible() }), this.logger);
    const deliveries = new AlertDeliveries(alertStore, clock, this.logger);
    const caregivers = new CaregiverDirectory(store.db, settings.caregivers, () => now().escalation.pushAddresses);
    const quiet = new QuietHours(() => now().quietHours, time);
    const engine = new AlertEngine({
      store: alertStore,
      clock,
      quiet,
      publish: (event) => bus.emit('alert.changed', event),
      channels,
      deliveries,
      caregivers,
      announcesOnMqtt: () => config.mqtt.enabled && now().mqtt.enabled,
      timing: () => ({ repeatMs: settings.repeatMinutes * 60_000, escalateAfterMs: now().escalation.afterMinutes * 60_000, refoldMs: settings.refoldMinutes * 60_000 }),
      logger: this.logger,
    });
    const history: ReadingHistory = (personId, deviceId, metric, from, to) => {
      if (!isMetricId(metric)) return [];
      const where = personId !== undefined ? { personId } : { deviceId };
      return store.query.querySeries({ metric, ...where, from, to, maxPoints: 1000 }).points;
    };
    const evaluator = new RuleEvaluator(rules, householdLookup(registry), time, history, () => clock.now());
    const reopened = engine.load();
    for (const alert of reopened) if (alert.conditionClearedAt === undefined) evaluator.prime(alert.key);
    const view = new AlertsApiView(engine, alertStore, rules);
    const people = () => registry.listPeople().map((p) => ({ id: p.id, name: p.name }));
    const tests = new ChannelTests({
      settings: now,
      speech,
      audible,
      // A test answers what happens now: one attempt per address, not the alerts' retries over minutes.
      sender: new WebhookSender({ retry: { ...settings.webhookRetry, attempts: 1 }, ...transport }),
      alertTopic: () => services.alertTopic.current(),
      brokerEnabled: config.mqtt.enabled,
      caregiverAccounts: () => new Set(people().flatMap((p) => caregivers.for(p.id).userIds)).size,
      clock,
    });
    const channelsView = new AlertChannelsView({ settings: channelSettings, tests, caregivers, people, audible, brokerEnabled: config.mqtt.enabled, timeZone: zone, logger: this.logger });
    // People and devices removed from the household take their alerts and their history along.
    const removal: RemovalParticipant = {
      name: ALERTS_PART,
      count: (scope) => alertStore.countAbout(scope.personIds, scope.deviceIds),
      remove: (scope) => alertStore.removeAbout(scope.personIds, scope.deviceIds),
      forget: (scope) => {
        evaluator.forget(scope.personIds, scope.deviceIds);
        engine.load();
      },
    };
    this.running = { engine, evaluator, store: alertStore, view, channelsView, channels, deliveries, abort, removal };
    const spoken = new SpokenAlerts(speech, deliveries);
    bus.on('alert.changed', ALERTS_PART, (event) => spoken.hear(event));
    // A reminder (a dose due) is said like an alert's sentence, when the speaker is on, never in quiet hours.
    bus.on('reminder.due', ALERTS_PART, (reminder) => {
      if (!now().speech.enabled || quiet.isQuiet(reminder.due)) return;
      speech.say(reminder.spoken, `reminder-${reminder.personId}-${reminder.time.replace(':', '')}`).catch((error: unknown) => {
        this.logger.warn({ err: (error as Error).message }, 'a reminder could not be said');
      });
    });
    bus.on('reading.accepted', ALERTS_PART, (reading) => this.apply(evaluator.onReading(reading)));
    bus.on('device.availability', ALERTS_PART, (event) => this.apply(evaluator.onAvailability(event)));
    bus.on('alert.ack.requested', ALERTS_PART, (request) => {
      if (engine.acknowledge(request.alertId, { by: request.by, via: request.channel }) === undefined) this.logger.info({ alertId: request.alertId, via: request.channel }, 'acknowledgement for an unknown alert ignored');
    });
    services.alerts.provide(view);
    services.alertChannels.provide(channelsView);
    services.removal.join(removal);
    this.context.addJob({ name: ALERTS_PART, schedule: '* * * * *', run: () => this.tick() });
    this.logger.info({ rules: rules.householdRules().filter((r) => r.enabled).map((r) => r.id), open: reopened.length, channels: [ALERT_BUS_CHANNEL, ...channels.map((c) => c.name), speech.name] }, 'alerts started');
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (running === undefined) return;
    this.running = undefined;
    this.context.bus.removeOwner(ALERTS_PART);
    this.context.services.alerts.withdraw(running.view);
    this.context.services.alertChannels.withdraw(running.channelsView);
    this.context.services.removal.leave(running.removal);
    running.abort.abort();
    await running.deliveries.settled();
    for (const channel of running.channels) await channel.stop?.();
  }

  /** Time-driven rules, repeats, escalation and quiet hours; the scheduler calls it every minute, tests directly. */
  tick(): void {
    const running = this.started();
    this.apply(running.evaluator.tick(this.context.clock.now()));
    running.engine.tick();
  }

  get engine(): AlertEngine {
    return this.started().engine;
  }

  /** Resolves once every channel has finished with what it was given. */
  settled(): Promise<void> {
    return this.started().deliveries.settled();
  }

  private apply(outcomes: readonly RuleOutcome[]): void {
    const engine = this.running?.engine;
    if (engine === undefined) return;
    for (const outcome of outcomes) {
      if (outcome.kind === 'fire') engine.fire(outcome);
      else engine.clear(outcome.key);
    }
  }

  private started(): Running {
    if (this.running === undefined) throw new Error('the alerts part is not started');
    return this.running;
  }
}

export function alertsPartFactory(options: AlertsPartOptions = {}): HubPartFactory {
  return (context) => (context.config.alerts.enabled ? new AlertsPart(context, options) : undefined);
}

export const alertsPart: HubPartFactory = alertsPartFactory();
