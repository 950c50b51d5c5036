import t from 'tap';
import { createHubServices } from '../../hub/services/hub-services.js';
import { ServiceSlot } from '../../hub/services/service-slot.js';

t.test('a service is there while its part provides it, and only one part may provide it', async (t) => {
  const slot = new ServiceSlot<{ readonly name: string }>('alerts');
  t.equal(slot.current(), undefined, 'nothing before the provider starts');
  const first = { name: 'first' };
  slot.provide(first);
  t.equal(slot.current(), first);
  slot.provide(first);
  t.equal(slot.current(), first, 'providing the same service again changes nothing');
  t.throws(() => slot.provide({ name: 'second' }), /the alerts service is already provided/);
  slot.withdraw({ name: 'stranger' });
  t.equal(slot.current(), first, 'only the provider takes its service away');
  slot.withdraw(first);
  t.equal(slot.current(), undefined, 'gone once its part stops');
  const second = { name: 'second' };
  slot.provide(second);
  t.equal(slot.current(), second, 'a part started again provides anew');
});

t.test('every hub has services of its own', async (t) => {
  const one = createHubServices();
  const other = createHubServices();
  one.alerts.provide({ list: () => [], get: () => undefined, acknowledge: () => undefined, lines: () => [], personLog: () => [] });
  t.equal(other.alerts.current(), undefined, "one hub's alerts are not another's");
  t.not(one.metrics.registry, other.metrics.registry, 'nor are its metrics');
});
