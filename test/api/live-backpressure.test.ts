import { EventEmitter } from 'node:events';
import t from 'tap';
import type { WebSocket } from 'ws';
import { sessionPrincipal, type Principal } from '../../hub/accounts/principal.js';
import { LiveConnection } from '../../hub/api/live/live-connection.js';
import { onboardOwner, startApiHub } from './api-harness.js';
import { LiveClient, wsUrl } from './live-client.js';

t.test('a slow live client gets dropped messages counted, not an unbounded buffer', async (t) => {
  const api = await startApiHub({ part: { liveLimits: { maxBufferedBytes: 64 * 1024 } } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const slow = new LiveClient(wsUrl(api.base, '/api/v1/live'), { cookie: owner.cookie ?? '' });
  const brisk = new LiveClient(wsUrl(api.base, '/api/v1/live'), { cookie: owner.cookie ?? '' });
  t.teardown(() => slow.close());
  t.teardown(() => brisk.close());
  for (const socket of [slow, brisk]) {
    await socket.opened;
    socket.send({ type: 'subscribe', personIds: ['alex'] });
    await socket.next((m) => m['type'] === 'subscribed');
  }
  // The slow client stops reading; the kernel buffers fill, then the server's socket buffer.
  slow.socket.pause();
  const total = 40_000;
  const start = Date.now() - total * 10;
  // Bursts of 100 readings (about 20 KB) at a time: a client that reads keeps up with that.
  for (let i = 0; i < total; i += 100) {
    api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: Array.from({ length: 100 }, (_, k) => ({ metric: 'heart_rate' as const, value: 60 + (k % 30), ts: start + (i + k) * 10 })) });
    await new Promise((r) => setImmediate(r));
  }
  await brisk.count('reading', total, 30_000);
  t.equal(brisk.messages.filter((m) => m['type'] === 'dropped').length, 0, 'a client that keeps up loses nothing');

  slow.socket.resume();
  // One more reading after the backlog drains carries the count of what was dropped.
  await new Promise((r) => setTimeout(r, 500));
  api.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'heart_rate', value: 70, ts: Date.now() }] });
  const dropped = await slow.next((m) => m['type'] === 'dropped', 20_000);
  const count = dropped['count'] as number;
  const received = slow.messages.filter((m) => m['type'] === 'reading').length;
  t.ok(count > 0, `${count} readings were dropped for the slow client`);
  t.equal(received + count, total + 1, 'every reading was either delivered or counted as dropped');
});

/** The credential never ends in these tests. */
const unwatched = { watch: () => () => undefined, check: () => undefined };

/** A socket whose send buffer the test fills and drains by hand. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: Record<string, unknown>[] = [];
  send(text: string): void {
    this.sent.push(JSON.parse(text) as Record<string, unknown>);
  }
  close(): void {
    this.readyState = 3;
  }
  terminate(): void {
    this.readyState = 3;
  }
  ping(): void {}
}

t.test('while the send buffer is over its bound, messages are dropped with their ids, then counted', async (t) => {
  const socket = new FakeSocket();
  const owner: Principal = sessionPrincipal({ id: 'u1', username: 'o', displayName: 'O', role: 'owner', personId: 'alex', grants: [], createdAt: 0 });
  const auth = { byToken: () => undefined, credentials: unwatched, everyone: () => ['alex'], latest: () => [] };
  const connection = new LiveConnection(socket as unknown as WebSocket, auth, { maxBufferedBytes: 1000, authTimeoutMs: 60_000, pingIntervalMs: 60_000 }, null, owner, () => undefined);
  t.teardown(() => socket.emit('close'));
  socket.emit('message', Buffer.from(JSON.stringify({ type: 'subscribe' })), false);
  const offer = (value: number): void =>
    connection.offer('reading', { reading: { metric: 'heart_rate', value, unit: 'bpm', ts: value, deviceId: 'strap', personId: 'alex', tsSource: 'hub' } }, { personId: 'alex', metric: 'heart_rate' }, () => true);
  offer(1);
  socket.bufferedAmount = 5000;
  offer(2);
  offer(3);
  socket.bufferedAmount = 0;
  offer(4);
  const tail = socket.sent.filter((m) => m['type'] !== 'ready' && m['type'] !== 'subscribed');
  t.same(
    tail.map((m) => [m['id'], m['type'], m['count'] ?? (m['reading'] as { value: number }).value]),
    [
      [3, 'reading', 1],
      [6, 'dropped', 2],
      [7, 'reading', 4],
    ],
    'ids 4 and 5 went with the dropped readings; the count arrives before the next reading',
  );
});

t.test('a subscription that asks for it gets each person’s latest readings at once, marked as such', async (t) => {
  const socket = new FakeSocket();
  const owner: Principal = sessionPrincipal({ id: 'u1', username: 'o', displayName: 'O', role: 'owner', personId: 'alex', grants: [], createdAt: 0 });
  const latest = [
    { metric: 'heart_rate' as const, value: 64, unit: 'bpm', ts: 1000, deviceId: 'strap', personId: 'alex', tsSource: 'hub' as const },
    { metric: 'spo2' as const, value: 97, unit: '%', ts: 900, deviceId: 'oxi', personId: 'alex', tsSource: 'hub' as const },
  ];
  const auth = { byToken: () => undefined, credentials: unwatched, everyone: () => ['alex'], latest: () => latest };
  const connection = new LiveConnection(socket as unknown as WebSocket, auth, { maxBufferedBytes: 1000, authTimeoutMs: 60_000, pingIntervalMs: 60_000 }, null, owner, () => undefined);
  t.teardown(() => socket.emit('close'));
  t.ok(connection);
  socket.emit('message', Buffer.from(JSON.stringify({ type: 'subscribe', metrics: ['spo2'], latest: true })), false);
  const types = socket.sent.map((m) => m['type']);
  t.same(types.slice(-2), ['subscribed', 'reading'], 'the snapshot follows the confirmation, filtered by the subscription');
  t.match(socket.sent.at(-1), { reading: { metric: 'spo2', value: 97 }, latest: true });
  socket.emit('message', Buffer.from(JSON.stringify({ type: 'subscribe' })), false);
  t.equal(socket.sent.at(-1)?.['type'], 'subscribed', 'without asking, no snapshot');
});
