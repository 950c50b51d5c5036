import t from 'tap';
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
    api.hub.context.gate.submit({ deviceId: 'strap-alex', readings: Array.from({ length: 100 }, (_, k) => ({ metric: 'heart_rate' as const, value: 60 + (k % 30), ts: start + (i + k) * 10 })) });
    await new Promise((r) => setImmediate(r));
  }
  await brisk.next(() => brisk.messages.filter((m) => m['type'] === 'reading').length === total, 20_000);
  t.equal(brisk.messages.filter((m) => m['type'] === 'dropped').length, 0, 'a client that keeps up loses nothing');

  slow.socket.resume();
  // One more reading after the backlog drains carries the count of what was dropped.
  await new Promise((r) => setTimeout(r, 500));
  api.hub.context.gate.submit({ deviceId: 'strap-alex', readings: [{ metric: 'heart_rate', value: 70, ts: Date.now() }] });
  const dropped = await slow.next((m) => m['type'] === 'dropped', 20_000);
  const count = dropped['count'] as number;
  const received = slow.messages.filter((m) => m['type'] === 'reading').length;
  t.ok(count > 0, `${count} readings were dropped for the slow client`);
  t.equal(received + count, total + 1, 'every reading was either delivered or counted as dropped');
  const readingIds = slow.messages.filter((m) => m['type'] === 'reading').map((m) => m['id'] as number);
  t.ok(readingIds.some((id, i) => i > 0 && id - (readingIds[i - 1] ?? 0) > 1), 'the ids show where the gap is');
});
