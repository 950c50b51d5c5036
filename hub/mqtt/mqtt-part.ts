import type { HubContext, HubPart, HubPartFactory } from '../daemon/hub-part.js';
import { AlertAcks } from './alert-acks.js';
import { BridgeOutbox } from './home-assistant/bridge-outbox.js';
import { HomeAssistantBridge } from './home-assistant/ha-bridge.js';
import { DurableAck } from '../store/durable-ack.js';
import { ClientIdOwners } from './client-id-owners.js';
import { EmbeddedBroker, type SocketRefusals } from './embedded-broker.js';
import { RateLimitedLog } from '../log/log-limiter.js';
import { IngestRefusals, type MqttIngestFigures } from './ingest-refusals.js';
import { LivePublisher } from './live-publisher.js';
import { MqttCredentials } from './mqtt-credentials.js';
import { MqttIngest } from '../sources/mqtt-input.js';
import type { AlertTopic } from '../services/alert-channels-service.js';
import { ALERTS_TOPIC } from './topic-acl.js';

export const MQTT_PART = 'mqtt';

/**
 * The embedded broker with its ingest, live topics and alert acknowledgements. `credentials` is
 * the service the API calls to create, list and remove MQTT credentials.
 */
export class MqttPart implements HubPart {
  readonly name = MQTT_PART;
  readonly refusals: IngestRefusals;
  private credentialService: MqttCredentials | undefined;
  private broker: EmbeddedBroker | undefined;
  private live: LivePublisher | undefined;
  private durable: DurableAck | undefined;
  private homeAssistant: HomeAssistantBridge | undefined;
  private alertTopic: AlertTopic | undefined;

  constructor(private readonly context: HubContext) {
    this.refusals = new IngestRefusals(context.ingest);
  }

  async start(): Promise<void> {
    const { config, clock, bus, store, registry, ingest: hubIngest, logging } = this.context;
    const logger = logging.part(MQTT_PART);
    const mqtt = config.mqtt;
    const credentials = new MqttCredentials(store.db, clock);
    this.credentialService = credentials;
    const durable = new DurableAck(store.writer, mqtt.ingest.ackWithinMs);
    this.durable = durable;
    const acks = new AlertAcks(bus, this.refusals);
    const ingest = new MqttIngest({
      ingest: hubIngest,
      devices: registry,
      bus,
      clock,
      durable,
      refusals: this.refusals,
      maxPayloadBytes: mqtt.limits.maxPayloadBytes,
      gatewayBaseTopic: mqtt.gateways.baseTopic,
    });
    const broker = new EmbeddedBroker({
      host: mqtt.host,
      port: mqtt.port,
      tls: mqtt.tls,
      limits: mqtt.limits,
      rules: { gatewayBaseTopic: mqtt.gateways.baseTopic },
      verify: (username, secret, signal) => credentials.verify(username, secret, signal),
      stillValid: (name) => credentials.exists(name),
      owners: new ClientIdOwners(store.db, clock, mqtt.limits.maxSessionsPerCredential),
      inbound: [ingest, acks],
      refusals: this.refusals,
      logger,
      outsideLog: new RateLimitedLog(logger, () => clock.now()),
    });
    if (mqtt.homeAssistant.enabled) this.startHomeAssistant();
    if (!mqtt.enabled) return;
    await broker.start();
    this.broker = broker;
    this.context.services.metrics.mqttClients = () => broker.connectedClients;
    const alertChannels = this.context.services.alertChannels;
    this.live = new LivePublisher(MQTT_PART, bus, broker, acks, clock, logger, () => alertChannels.current()?.publishesOnMqtt() ?? true);
    this.alertTopic = {
      topic: ALERTS_TOPIC,
      publishTest: async (payload) => {
        await broker.publish(ALERTS_TOPIC, payload, { qos: 1 });
        return { listeners: broker.listenersOf(ALERTS_TOPIC) };
      },
    };
    this.context.services.alertTopic.provide(this.alertTopic);
    this.live.start(() => {
      const health = this.context.health();
      return { uptimeS: health.uptimeS, readingsAccepted: hubIngest.stats().accepted };
    });
  }

  private startHomeAssistant(): void {
    const { config, clock, bus, store, registry, logging } = this.context;
    const bridge = new HomeAssistantBridge({
      config: config.mqtt.homeAssistant,
      owner: MQTT_PART,
      bus,
      outbox: new BridgeOutbox(store.db, config.mqtt.homeAssistant.queueMaxMessages),
      clock,
      logger: logging.part('home-assistant'),
      household: () => {
        const series = store.query.seriesList();
        const personMetrics = new Map<string, { personId: string; metric: string }>();
        for (const s of series) if (s.personId !== undefined) personMetrics.set(`${s.personId}/${s.metric}`, { personId: s.personId, metric: s.metric });
        return {
          prefix: config.mqtt.homeAssistant.discoveryPrefix,
          people: registry.listPeople(),
          devices: registry.listDevices(),
          personMetrics: [...personMetrics.values()],
          batteryDevices: [...new Set(series.filter((s) => s.metric === 'battery').map((s) => s.deviceId))],
        };
      },
    });
    bridge.start();
    this.homeAssistant = bridge;
  }

  async stop(): Promise<void> {
    this.context.bus.removeOwner(MQTT_PART);
    if (this.alertTopic !== undefined) this.context.services.alertTopic.withdraw(this.alertTopic);
    this.alertTopic = undefined;
    await this.homeAssistant?.stop();
    this.homeAssistant = undefined;
    await this.live?.stop();
    this.durable?.stop();
    this.context.services.metrics.mqttClients = undefined;
    await this.broker?.stop();
    this.broker = undefined;
  }

  get credentials(): MqttCredentials {
    if (this.credentialService === undefined) throw new Error('the MQTT part is not started');
    return this.credentialService;
  }

  figures(): MqttIngestFigures & {
    readonly connectedClients: number;
    readonly sockets: { readonly pending: number; readonly refused: SocketRefusals };
    readonly listening: readonly string[];
    readonly homeAssistantQueued: number;
  } {
    return {
      ...this.refusals.figures(),
      connectedClients: this.broker?.connectedClients ?? 0,
      sockets: this.broker?.sockets ?? { pending: 0, refused: {} },
      listening: this.broker?.listening ?? [],
      homeAssistantQueued: this.homeAssistant?.queued ?? 0,
    };
  }
}

export const mqttPart: HubPartFactory = (context) => (context.config.mqtt.enabled || context.config.mqtt.homeAssistant.enabled ? new MqttPart(context) : undefined);
