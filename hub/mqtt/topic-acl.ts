import type { MqttPrincipal } from './mqtt-principal.js';

/**
 * Topic rights by role (least privilege): a device publishes only to its own ingest topic, a
 * gateway only under its own name, a speaker reads alerts, reminders and status only, a member reads only
 * their own person's topics, an integration reads the hub's topics and may acknowledge alerts.
 * `$SYS` is closed to everyone. A subscription filter is allowed only when every topic it could
 * match is allowed.
 */
export interface TopicRules {
  /** The base topic remote BLE gateways publish under (`home` for Theengs and OpenMQTTGateway). */
  readonly gatewayBaseTopic: string;
}

export const INGEST_PREFIX = 'hearth/ingest/';
export const ALERTS_TOPIC = 'hearth/alerts';
/** Every person's reminders (a dose due now), `hearth/<personId>/reminders`. */
export const REMINDERS_TOPICS = 'hearth/+/reminders';
export const STATUS_TOPIC = 'hearth/status';

function publishPatterns(principal: MqttPrincipal, rules: TopicRules): string[] {
  switch (principal.role) {
    case 'device':
      return principal.deviceId === undefined ? [] : [`${INGEST_PREFIX}${principal.deviceId}`];
    case 'gateway':
      return principal.deviceId === undefined ? [] : [`${rules.gatewayBaseTopic}/${principal.deviceId}/#`];
    case 'integration':
    case 'member':
      return [`${ALERTS_TOPIC}/+/ack`];
    case 'speaker':
      return [];
  }
}

function subscribePatterns(principal: MqttPrincipal, rules: TopicRules): string[] {
  switch (principal.role) {
    case 'device':
      return [];
    case 'gateway':
      // Theengs Gateway and OpenMQTTGateway listen for their own commands.
      return principal.deviceId === undefined ? [] : [`${rules.gatewayBaseTopic}/${principal.deviceId}/#`];
    case 'speaker':
      // Reminders say who and when, never what: a speaker in the hall may say them as it says alerts.
      return [ALERTS_TOPIC, REMINDERS_TOPICS, STATUS_TOPIC];
    case 'member':
      return principal.personId === undefined ? [STATUS_TOPIC] : [`hearth/${principal.personId}/#`, STATUS_TOPIC];
    case 'integration':
      return ['hearth/#'];
  }
}

/** True when `pattern` matches every topic `filter` matches (both may hold + and #). */
export function filterCovers(pattern: string, filter: string): boolean {
  const p = pattern.split('/');
  const f = filter.split('/');
  for (let i = 0; i < p.length; i++) {
    const level = p[i];
    if (level === '#') return true;
    const wanted = f[i];
    if (wanted === undefined || wanted === '#') return false;
    if (level === '+') continue;
    if (level !== wanted) return false;
  }
  return p.length === f.length;
}

function isSys(topic: string): boolean {
  return topic.startsWith('$');
}

export function canPublish(principal: MqttPrincipal, topic: string, rules: TopicRules): boolean {
  if (isSys(topic)) return false;
  return publishPatterns(principal, rules).some((pattern) => filterCovers(pattern, topic));
}

export function canSubscribe(principal: MqttPrincipal, filter: string, rules: TopicRules): boolean {
  if (isSys(filter)) return false;
  // Nobody reads what devices send raw (the validated reading comes out on the live topic); the
  // broker also never forwards ingest messages, which covers wildcards such as `hearth/#`.
  if (filter.startsWith(INGEST_PREFIX)) return false;
  return subscribePatterns(principal, rules).some((pattern) => filterCovers(pattern, filter));
}
