/** What a credential may be used for; each role has its own, narrow topic rights (topic-acl.ts). */
export const MQTT_ROLES = ['device', 'gateway', 'speaker', 'integration', 'member'] as const;
export type MqttRole = (typeof MQTT_ROLES)[number];

/** Who an authenticated MQTT connection acts for. */
export interface MqttPrincipal {
  readonly name: string;
  readonly role: MqttRole;
  /** For `device`: the device it publishes for; for `gateway`: the gateway's name in its topics. */
  readonly deviceId?: string;
  /** For `member`: whose topics it reads. */
  readonly personId?: string;
}

export function isMqttRole(text: string): text is MqttRole {
  return (MQTT_ROLES as readonly string[]).includes(text);
}
