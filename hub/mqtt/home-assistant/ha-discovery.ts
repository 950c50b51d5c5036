import { METRICS, type MetricId } from '../../../core/metrics.js';

/**
 * Home Assistant MQTT discovery, generated from the metric catalogue (label, unit, kind) and the
 * household registry: one sensor per person and metric they have, one alert binary sensor per
 * person, one battery sensor per device. Nothing here is hand-written per metric except the Home
 * Assistant device class, which has no equivalent in the catalogue.
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
  readonly topic: string;
  readonly payload: string;
}

const DEVICE_CLASS: Partial<Record<MetricId, string>> = {
  body_temperature: 'temperature',
  ambient_temperature: 'temperature',
  ambient_humidity: 'humidity',
  battery: 'battery',
  body_weight: 'weight',
  bp_systolic: 'pressure',
  bp_diastolic: 'pressure',
  bp_mean: 'pressure',
};

export const AVAILABILITY = {
  availability_topic: 'hearth/status',
  availability_template: "{{ 'online' if value_json.state == 'online' else 'offline' }}",
} as const;

export function deviceBatteryTopic(deviceId: string): string {
  return `hearth/devices/${deviceId}/battery`;
}

/** Home Assistant object ids allow letters, digits, `_` and `-` only. */
function objectId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

function personDevice(person: { id: string; name: string }): Record<string, unknown> {
  return { identifiers: [`hearth_person_${objectId(person.id)}`], name: person.name, manufacturer: 'Hearth', model: 'Household member' };
}

export function discoveryMessages(input: DiscoveryInput): DiscoveryMessage[] {
  const messages: DiscoveryMessage[] = [];
  const people = new Map(input.people.map((p) => [p.id, p]));
  for (const { personId, metric } of input.personMetrics) {
    const person = people.get(personId);
    const def = METRICS.get(metric as MetricId);
    if (person === undefined || def === undefined || def.kind !== 'scalar' || metric === 'battery') continue;
    const id = `hearth_${objectId(personId)}_${metric}`;
    messages.push({
      topic: `${input.prefix}/sensor/${id}/config`,
      payload: JSON.stringify({
        name: def.label,
        unique_id: id,
        object_id: id,
        state_topic: `hearth/${personId}/${metric}`,
        value_template: '{{ value_json.value }}',
        ...(def.unit !== '' ? { unit_of_measurement: def.unit } : {}),
        ...(DEVICE_CLASS[metric as MetricId] !== undefined ? { device_class: DEVICE_CLASS[metric as MetricId] } : {}),
        state_class: 'measurement',
        ...AVAILABILITY,
        device: personDevice(person),
      }),
    });
  }
  for (const person of input.people) {
    const id = `hearth_${objectId(person.id)}_alert`;
    messages.push({
      topic: `${input.prefix}/binary_sensor/${id}/config`,
      payload: JSON.stringify({
        name: 'Health alert',
        unique_id: id,
        object_id: id,
        state_topic: `hearth/${person.id}/alerts`,
        value_template: "{{ 'ON' if value_json.state == 'active' else 'OFF' }}",
        json_attributes_topic: `hearth/${person.id}/alerts`,
        device_class: 'problem',
        ...AVAILABILITY,
        device: personDevice(person),
      }),
    });
  }
  const devices = new Map(input.devices.map((d) => [d.id, d]));
  for (const deviceId of input.batteryDevices) {
    const id = `hearth_device_${objectId(deviceId)}_battery`;
    messages.push({
      topic: `${input.prefix}/sensor/${id}/config`,
      payload: JSON.stringify({
        name: 'Battery',
        unique_id: id,
        object_id: id,
        state_topic: deviceBatteryTopic(deviceId),
        value_template: '{{ value_json.value }}',
        unit_of_measurement: '%',
        device_class: 'battery',
        state_class: 'measurement',
        entity_category: 'diagnostic',
        ...AVAILABILITY,
        device: { identifiers: [`hearth_device_${objectId(deviceId)}`], name: devices.get(deviceId)?.name ?? deviceId, manufacturer: 'Hearth' },
      }),
    });
  }
  return messages;
}
