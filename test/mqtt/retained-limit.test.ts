import t from 'tap';
import { DEFAULT_MQTT_CONFIG } from '../../hub/mqtt/mqtt-config.js';
import { collect, connect, startMqttHub } from './helpers/mqtt-hub.js';

const PAYLOAD = Buffer.alloc(15_000, 0x61);
const TOPIC = (i: number): string => `home/gw-attic/config/${String(i).padStart(2, '0')}`;

t.test('a gateway keeps only its share of retained messages; the rest are still delivered, not kept', async (t) => {
  const hub = await startMqttHub();
  t.teardown(() => hub.stop());
  const gateway = await hub.credential({ name: 'attic-gateway', role: 'gateway', deviceId: 'gw-attic' });
  const live = await connect(hub.port, gateway);
  const heardLive = collect(live);
  await live.subscribeAsync('home/gw-attic/config/#', { qos: 1 });
  const publisher = await connect(hub.port, { ...gateway, clientId: 'attic-publisher' });
  for (let i = 0; i < 30; i++) await publisher.publishAsync(TOPIC(i), PAYLOAD, { qos: 1, retain: true });
  await heardLive.next((topic) => topic === TOPIC(29));
  t.equal(heardLive.messages.length, 30, 'whoever listens now gets every one');

  // 256 KiB by default: 17 messages of 15 KB and their topics.
  const share = Math.floor(DEFAULT_MQTT_CONFIG.limits.maxRetainedBytesPerCredential / (PAYLOAD.length + TOPIC(0).length));
  const refused = (): number => (hub.part.figures().refused.byReason as Record<string, number>)['retained_limit'] ?? 0;
  t.equal(refused(), 30 - share, `${30 - share} were not kept, and counted`);
  const later = await connect(hub.port, { ...gateway, clientId: 'attic-later' });
  const heardLater = collect(later);
  await later.subscribeAsync('home/gw-attic/config/#', { qos: 0 });
  await heardLater.next((topic) => topic === TOPIC(share - 1));
  t.same(heardLater.messages.map((m) => m.topic).slice(0, share), Array.from({ length: share }, (_, i) => TOPIC(i)), 'a later subscriber gets the kept ones');

  // Clearing a retained topic makes room for another.
  await publisher.publishAsync(TOPIC(0), Buffer.alloc(0), { qos: 1, retain: true });
  await publisher.publishAsync(TOPIC(29), PAYLOAD, { qos: 1, retain: true });
  t.equal(refused(), 30 - share, 'the freed place is taken without a refusal');
  await Promise.all([live.endAsync(), publisher.endAsync(), later.endAsync()]);
});
