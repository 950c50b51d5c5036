import { METRICS, type MetricDefinition, type MetricId } from '../../../core/metrics.js';
import type { AlertState } from '../../bus/hub-events.js';

/**
 * Home Assistant MQTT discovery, generated from the metric catalogue (label, unit, kind, whether a
 * metric is a running total) and the household registry: one sensor per person and metric they
 * have, one alert binary sensor per person, one battery sensor per device. Nothing here is
 * hand-written per metric except the Home Assistant device class, which has no equivalent in the
 * catalogue.
 */
export interface DiscoveryInput {
  readonly prefix: string;
  readonly people: readonly { readonly id: string; readonly name: string }[];
  readonly devices: readonly { readonly id: string; readonly name?: string }[];
  /** (person, metric) pairs the household has readings of. */
  readonly personMetrics: readonly { readonly personId: string; readonly metric: string }[];
  /** Devices that report a battery level. */
  readonly batteryDevices: readonly string[];
}

export interface DiscoveryMessage {
  /** Which entity this configures: the bridge announces each one once. */
  readonly entity: string;
  readonly topic: string;
  readonly payload: string;
}

/**
 * Device classes only where Home Assistant's meaning and unit match the catalogue's. Blood
 * pressure has none on purpose: class `pressure` is converted to the household's unit system
 * (inHg in the US), which no clinician reads.
 */
const DEVICE_CLASS: Partial<Record<MetricId, string>> = {
  body_temperature: 'temperature',
  ambient_temperature: 'temperature',
  ambient_humidity: 'humidity',
  battery: 'battery',
  body_weight: 'weight',
  glucose: 'blood_glucose_concentration',
};

/**
 * Whether an alert in each state is a problem still open. Every state the type knows is decided
 * here, so a new one cannot be left out; `active` is what older publishers wrote for an open alert.
 */
const ALERT_OPEN: Readonly<Record<AlertState, boolean>> = {
  raised: true,
  notified: true,
  active: true,
  acknowledged: true,
  resolved: false,
};

export const OPEN_ALERT_STATES: readonly AlertState[] = (Object.keys(ALERT_OPEN) as AlertState[]).filter((state) => ALERT_OPEN[state]);

export const AVAILABILITY = {
  availability_topic: 'hearth/status',
  availability_template: "{{ 'online' if value_json.state == 'online' else 'offline' }}",
} as const;

export function deviceBatteryTopic(deviceId: string): string {
  return `hearth/devices/${deviceId}/battery`;
}

/** The discovery topic's object id allows letters, digits, `_` and `-`. */
function topicId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * An entity id's object part as Home Assistant validates it: lowercase letters, digits and single
 * underscores, neither starting nor ending with one.
 */
export function entitySlug(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug === '' ? 'unnamed' : slug;
}

function personDevice(person: { id: string; name: string }): Record<string, unknown> {
  return { identifiers: [`hearth_person_${topicId(person.id)}`], name: person.name, manufacturer: 'Hearth', model: 'Household member' };
}

function stateClass(def: MetricDefinition): string {
  return def.cumulative === true ? 'total_increasing' : 'measurement';
}

/** The entity a reading shows on, or undefined for one Home Assistant is not told of (waveforms, unassigned readings). */
export function readingEntity(reading: { readonly metric: string; readonly personId?: string; readonly deviceId: string }): string | undefined {
  if (reading.metric === 'battery') return `battery:${reading.deviceId}`;
  const def = METRICS.get(reading.metric as MetricId);
  if (reading.personId === undefined || def === undefined || def.kind !== 'scalar' || def.journal === true) return undefined;
  return personMetricEntity(reading.personId, reading.metric);
}

function personMetricEntity(personId: string, metric: string): string {
  return `hearth/${personId}/${metric}`;
}

/** The sensor of one person's metric, or undefined for what Home Assistant has no sensor for. */
export function personMetricDiscovery(prefix: string, person: { id: string; name: string }, metric: string): DiscoveryMessage | undefined {
  const def = METRICS.get(metric as MetricId);
  // Journal entries are no sensor's state: what a person ate or took stays off Home Assistant.
  if (def === undefined || def.kind !== 'scalar' || metric === 'battery' || def.journal === true) return undefined;
  const id = `hearth_${topicId(person.id)}_${metric}`;
  const deviceClass = DEVICE_CLASS[metric as MetricId];
  return {
    entity: personMetricEntity(person.id, metric),
    topic: `${prefix}/sensor/${id}/config`,
    payload: JSON.stringify({
      name: def.label,
      unique_id: id,
      default_entity_id: `sensor.${entitySlug(`hearth_${person.id}_${metric}`)}`,
      state_topic: `hearth/${person.id}/${metric}`,
      value_template: '{{ value_json.value }}',
      ...(def.unit !== '' ? { unit_of_measurement: def.unit } : {}),
      ...(deviceClass !== undefined ? { device_class: deviceClass } : {}),
      state_class: stateClass(def),
      ...AVAILABILITY,
      device: personDevice(person),
    }),
  };
}

/** The person's alert binary sensor: on while the latest alert on their topic is still open. */
export function personAlertDiscovery(prefix: string, person: { id: string; name: string }): DiscoveryMessage {
  const id = `hearth_${topicId(person.id)}_alert`;
  const open = OPEN_ALERT_STATES.map((state) => `'${state}'`).join(', ');
  return {
    entity: `alert:${person.id}`,
    topic: `${prefix}/binary_sensor/${id}/config`,
    payload: JSON.stringify({
      name: 'Health alert',
      unique_id: id,
      default_entity_id: `binary_sensor.${entitySlug(`hearth_${person.id}_alert`)}`,
      state_topic: `hearth/${person.id}/alerts`,
      value_template: `{{ 'ON' if value_json.state in [${open}] else 'OFF' }}`,
      json_attributes_topic: `hearth/${person.id}/alerts`,
      device_class: 'problem',
      ...AVAILABILITY,
      device: personDevice(person),
    }),
  };
}

export function batteryDiscovery(prefix: string, deviceId: string, deviceName: string | undefined): DiscoveryMessage {
  const id = `hearth_device_${topicId(deviceId)}_battery`;
  return {
    entity: `battery:${deviceId}`,
    topic: `${prefix}/sensor/${id}/config`,
    payload: JSON.stringify({
      name: 'Battery',
      unique_id: id,
      default_entity_id: `sensor.${entitySlug(`hearth_device_${deviceId}_battery`)}`,
      state_topic: deviceBatteryTopic(deviceId),
      value_template: '{{ value_json.value }}',
      unit_of_measurement: '%',
      device_class: 'battery',
      state_class: 'measurement',
      entity_category: 'diagnostic',
      ...AVAILABILITY,
      device: { identifiers: [`hearth_device_${topicId(deviceId)}`], name: deviceName ?? deviceId, manufacturer: 'Hearth' },
    }),
  };
}

/** Every entity the household has. */
export function discoveryMessages(input: DiscoveryInput): DiscoveryMessage[] {
  const messages: DiscoveryMessage[] = [];
  const people = new Map(input.people.map((p) => [p.id, p]));
  for (const { personId, metric } of input.personMetrics) {
    const person = people.get(personId);
    const message = person === undefined ? undefined : personMetricDiscovery(input.prefix, person, metric);
    if (message !== undefined) messages.push(message);
  }
  for (const person of input.people) messages.push(personAlertDiscovery(input.prefix, person));
  const devices = new Map(input.devices.map((d) => [d.id, d]));
  for (const deviceId of input.batteryDevices) messages.push(batteryDiscovery(input.prefix, deviceId, devices.get(deviceId)?.name));
  return messages;
}
