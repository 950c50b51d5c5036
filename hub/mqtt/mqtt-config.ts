/** The `mqtt` section of the hub config: the embedded broker, its limits, gateways and Home Assistant. */
export interface MqttConfig {
  readonly enabled: boolean;
  readonly host: string;
  readonly port: number;
  /** A second listener with the household's own certificate; the plain port stays open unless `tls.only`. */
  readonly tls: {
    readonly enabled: boolean;
    readonly port: number;
    readonly certFile: string;
    readonly keyFile: string;
    readonly only: boolean;
  };
  readonly limits: MqttLimits;
  readonly ingest: {
    /**
     * Longest a QoS 1 reading waits for its commit before the hub forces one: the PUBACK is sent
     * only after the commit, so this bounds ack latency at the cost of more, smaller transactions.
     */
    readonly ackWithinMs: number;
  };
  /** Remote BLE antennas (Theengs Gateway, OpenMQTTGateway) publish under `<baseTopic>/<gateway>/BTtoMQTT/<mac>`. */
  readonly gateways: { readonly baseTopic: string };
  readonly homeAssistant: HomeAssistantConfig;
}

export interface MqttLimits {
  readonly maxConnections: number;
  /** Largest PUBLISH payload; a larger packet closes the connection before it is buffered. */
  readonly maxPayloadBytes: number;
  readonly maxTopicLevels: number;
  /** Inbound QoS 2 messages a client may have awaiting PUBREL. */
  readonly maxInflightPerClient: number;
  /** Packets queued per client before it has finished connecting. */
  readonly maxQueuedPerClient: number;
}

export interface HomeAssistantConfig {
  readonly enabled: boolean;
  /** The household's broker, e.g. `mqtt://homeassistant.local:1883` or `mqtts://…:8883`. */
  readonly url: string;
  readonly username: string;
  readonly password?: string;
  readonly discoveryPrefix: string;
  /** Messages kept on disk while the broker is away; beyond this the oldest live readings go first. */
  readonly queueMaxMessages: number;
}

export const DEFAULT_MQTT_CONFIG: MqttConfig = {
  enabled: true,
  host: '0.0.0.0',
  port: 1883,
  tls: { enabled: false, port: 8883, certFile: '', keyFile: '', only: false },
  limits: { maxConnections: 100, maxPayloadBytes: 16_384, maxTopicLevels: 8, maxInflightPerClient: 100, maxQueuedPerClient: 42 },
  // 10 ms keeps p99 publish→stored under 50 ms at 2,000 readings/s (bench/mqtt-ingest); commits only
  // come this often while QoS 1 readings are waiting, so a quiet household still writes about once a second.
  ingest: { ackWithinMs: 10 },
  gateways: { baseTopic: 'home' },
  homeAssistant: {
    enabled: false,
    url: 'mqtt://homeassistant.local:1883',
    username: '',
    discoveryPrefix: 'homeassistant',
    queueMaxMessages: 10_000,
  },
};

/** 0 asks the system for any free port. */
const port = { type: 'integer', minimum: 0, maximum: 65535 } as const;
const topicPart = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;

export const mqttConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    host: { type: 'string', minLength: 1 },
    port,
    tls: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        port,
        certFile: { type: 'string' },
        keyFile: { type: 'string' },
        only: { type: 'boolean' },
      },
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxConnections: { type: 'integer', minimum: 1, maximum: 10_000 },
        maxPayloadBytes: { type: 'integer', minimum: 256, maximum: 1_048_576 },
        maxTopicLevels: { type: 'integer', minimum: 3, maximum: 100 },
        maxInflightPerClient: { type: 'integer', minimum: 1, maximum: 65_535 },
        maxQueuedPerClient: { type: 'integer', minimum: 1, maximum: 10_000 },
      },
    },
    ingest: {
      type: 'object',
      additionalProperties: false,
      properties: { ackWithinMs: { type: 'integer', minimum: 0, maximum: 60_000 } },
    },
    gateways: { type: 'object', additionalProperties: false, properties: { baseTopic: topicPart } },
    homeAssistant: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        url: { type: 'string', pattern: '^(mqtts?|wss?)://.+' },
        username: { type: 'string' },
        password: { type: 'string' },
        discoveryPrefix: topicPart,
        queueMaxMessages: { type: 'integer', minimum: 100, maximum: 10_000_000 },
      },
    },
  },
} as const;
