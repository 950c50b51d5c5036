import { Type } from 'typebox';
import { defaultsOf, Port, Section, type Settings } from '../config/config-types.js';

const topicPart = (defaultValue: string) => Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', default: defaultValue });

const mqttLimitsSchema = Section({
  /** Authenticated clients at once; a CONNECT beyond it is answered "server unavailable". */
  maxConnections: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
  /**
   * Sockets that have not authenticated yet, counted apart from `maxConnections` so that idle
   * sockets cannot keep devices out; when all are taken a new one replaces the oldest idle one
   * of the address that holds the most.
   */
  maxPendingConnections: Type.Integer({ minimum: 1, maximum: 10_000, default: 32 }),
  /** The same, from one address (an IPv6 /64). */
  maxPendingPerAddress: Type.Integer({ minimum: 1, maximum: 10_000, default: 8 }),
  /** From the TCP connection (and TLS handshake) to a successful CONNECT; a socket that is not through by then is closed. */
  connectTimeoutMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 5000 }),
  /**
   * Largest PUBLISH payload. A larger PUBLISH is skipped as it arrives, never buffered, counted as
   * `oversized` and answered (PUBACK at QoS 1), so that the device does not resend it forever;
   * any other packet this large closes the connection.
   */
  maxPayloadBytes: Type.Integer({ minimum: 256, maximum: 1_048_576, default: 16_384 }),
  /** Retained messages one credential may keep on the broker; beyond this they are sent on, not kept. */
  maxRetainedPerCredential: Type.Integer({ minimum: 0, maximum: 100_000, default: 100 }),
  /** Bytes (topics and payloads) of the retained messages one credential may keep. */
  maxRetainedBytesPerCredential: Type.Integer({ minimum: 0, maximum: 104_857_600, default: 262_144 }),
  /** Persistent sessions (clean session off) one credential may keep; beyond it its least recently used idle one is given up. */
  maxSessionsPerCredential: Type.Integer({ minimum: 1, maximum: 1000, default: 8 }),
  maxTopicLevels: Type.Integer({ minimum: 3, maximum: 100, default: 8 }),
  /** Inbound QoS 2 messages a client may have awaiting PUBREL. */
  maxInflightPerClient: Type.Integer({ minimum: 1, maximum: 65_535, default: 100 }),
  /** Packets queued per client before it has finished connecting. */
  maxQueuedPerClient: Type.Integer({ minimum: 1, maximum: 10_000, default: 42 }),
});

const homeAssistantSchema = Section({
  enabled: Type.Boolean({ default: false }),
  /** The household's broker, e.g. `mqtt://homeassistant.local:1883` or `mqtts://…:8883`. */
  url: Type.String({ pattern: '^(mqtts?|wss?)://.+', default: 'mqtt://homeassistant.local:1883' }),
  username: Type.String({ default: '' }),
  password: Type.Optional(Type.String()),
  discoveryPrefix: topicPart('homeassistant'),
  /** Messages kept on disk while the broker is away; beyond this the oldest live readings go first. */
  queueMaxMessages: Type.Integer({ minimum: 100, maximum: 10_000_000, default: 10_000 }),
});

/** The `mqtt` section of the hub config: the embedded broker, its limits, gateways and Home Assistant. */
export const mqttConfigSchema = Section({
  enabled: Type.Boolean({ default: true }),
  host: Type.String({ minLength: 1, default: '0.0.0.0' }),
  port: Port(1883),
  /** A second listener with the household's own certificate; the plain port stays open unless `tls.only`. */
  tls: Section({
    enabled: Type.Boolean({ default: false }),
    port: Port(8883),
    certFile: Type.String({ default: '' }),
    keyFile: Type.String({ default: '' }),
    only: Type.Boolean({ default: false }),
  }),
  limits: mqttLimitsSchema,
  ingest: Section({
    /**
     * Longest a QoS 1 reading waits for its commit before the hub forces one: the PUBACK is sent
     * only after the commit, so this bounds ack latency at the cost of more, smaller transactions.
     * 10 ms keeps p99 publish→stored under 50 ms at 2,000 readings/s (bench/mqtt-ingest); commits
     * only come this often while QoS 1 readings are waiting, so a quiet household still writes
     * about once a second.
     */
    ackWithinMs: Type.Integer({ minimum: 0, maximum: 60_000, default: 10 }),
  }),
  /** Remote BLE antennas (Theengs Gateway, OpenMQTTGateway) publish under `<baseTopic>/<gateway>/BTtoMQTT/<mac>`. */
  gateways: Section({ baseTopic: topicPart('home') }),
  homeAssistant: homeAssistantSchema,
});

export type MqttConfig = Settings<typeof mqttConfigSchema>;
export type MqttLimits = Settings<typeof mqttLimitsSchema>;
export type HomeAssistantConfig = Settings<typeof homeAssistantSchema>;

export const DEFAULT_MQTT_CONFIG: MqttConfig = defaultsOf(mqttConfigSchema);
