/**
 * The MQTT publish flood of bench/graphql-flood.ts, in a worker thread: `clients` connections of
 * one device credential, each keeping `inflight` QoS 1 readings unacknowledged at all times (the
 * next is sent the moment one is acknowledged), until `durationMs` has passed.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import mqtt from 'mqtt';

export interface MqttFloodOrder {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly deviceId: string;
  readonly clients: number;
  readonly inflight: number;
  readonly durationMs: number;
}

export interface MqttFloodTally {
  readonly acknowledged: number;
  readonly failed: number;
  readonly connectFailures: number;
}

const order = workerData as MqttFloodOrder;
const deadline = performance.now() + order.durationMs;
let acknowledged = 0;
let failed = 0;
let connectFailures = 0;

async function publisher(index: number): Promise<void> {
  let client: mqtt.MqttClient;
  try {
    client = await mqtt.connectAsync(order.url, { username: order.username, password: order.password, clientId: `flood-${index}-${process.pid}`, reconnectPeriod: 0 });
  } catch {
    connectFailures++;
    return;
  }
  let value = 0;
  const lane = async (): Promise<void> => {
    while (performance.now() < deadline && client.connected) {
      const payload = JSON.stringify({ metric: 'heart_rate', value: 50 + (value++ % 100), unit: 'bpm' });
      try {
        await client.publishAsync(`hearth/ingest/${order.deviceId}`, payload, { qos: 1 });
        acknowledged++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: order.inflight }, lane));
  await client.endAsync(true);
}

await Promise.all(Array.from({ length: order.clients }, (_, i) => publisher(i)));
parentPort?.postMessage({ acknowledged, failed, connectFailures } satisfies MqttFloodTally);
