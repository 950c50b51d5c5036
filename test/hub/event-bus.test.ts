import t from 'tap';
import { EventBus } from '../../hub/bus/event-bus.js';

interface Events {
  ping: { n: number };
  pong: string;
}

t.test('listeners receive typed payloads in registration order', async (t) => {
  const bus = new EventBus<Events>();
  const seen: string[] = [];
  bus.on('ping', 'a', (p) => seen.push(`a${p.n}`));
  bus.on('ping', 'b', (p) => seen.push(`b${p.n}`));
  bus.emit('ping', { n: 1 });
  t.same(seen, ['a1', 'b1']);
});

t.test('removing an owner removes all its listeners and only those', async (t) => {
  const bus = new EventBus<Events>();
  const seen: string[] = [];
  bus.on('ping', 'alerts', () => seen.push('alerts-ping'));
  bus.on('pong', 'alerts', () => seen.push('alerts-pong'));
  bus.on('ping', 'ui', () => seen.push('ui-ping'));
  bus.removeOwner('alerts');
  bus.emit('ping', { n: 1 });
  bus.emit('pong', 'x');
  t.same(seen, ['ui-ping']);
  t.equal(bus.listenerCount(), 1);
});

t.test('the returned function unsubscribes one listener', async (t) => {
  const bus = new EventBus<Events>();
  let count = 0;
  const off = bus.on('pong', 'x', () => count++);
  bus.emit('pong', 'a');
  off();
  bus.emit('pong', 'b');
  t.equal(count, 1);
});

t.test('a throwing listener is reported and does not stop the others', async (t) => {
  const reported: string[] = [];
  const bus = new EventBus<Events>((event, owner) => reported.push(`${event}:${owner}`));
  let reached = false;
  bus.on('ping', 'broken', () => {
    throw new Error('boom');
  });
  bus.on('ping', 'fine', () => (reached = true));
  bus.emit('ping', { n: 2 });
  t.ok(reached);
  t.same(reported, ['ping:broken']);
});
