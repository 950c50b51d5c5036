import Database from 'better-sqlite3';
import t from 'tap';
import { ManualClock } from '../../core/clock.js';
import { ClientIdOwners, forgetSessionsOf, sessionOwnerMigration } from '../../hub/mqtt/client-id-owners.js';
import { addressGroup, ConnectionAdmission, type AdmissionRefusal, type AdmittedSocket } from '../../hub/mqtt/connection-admission.js';
import { RetainedBudget } from '../../hub/mqtt/retained-budget.js';

function owners(maxSessions = 3): { owners: ClientIdOwners; db: Database.Database; clock: ManualClock } {
  const db = new Database(':memory:');
  sessionOwnerMigration(db);
  const clock = new ManualClock(1_000_000);
  return { owners: new ClientIdOwners(db, clock, maxSessions), db, clock };
}

t.test('client ids: held by a connection or a persistent session, never by two credentials', (t) => {
  const { owners: ids, db } = owners();
  const alexTablet = {};
  t.match(ids.claim('tablet', 'alex', true, alexTablet), { ok: true, fresh: true, evicted: [] }, 'a new persistent session');
  t.same(ids.claim('tablet', 'sam', false, {}), { ok: false, heldBy: 'connection' });
  ids.release('tablet', alexTablet);
  t.same(ids.claim('tablet', 'sam', true, {}), { ok: false, heldBy: 'session' }, 'the session outlives the connection');
  t.match(ids.claim('tablet', 'alex', true, {}), { ok: true, fresh: false }, 'its owner resumes it');

  const first = {};
  const second = {};
  ids.claim('phone', 'sam', false, first);
  t.match(ids.claim('phone', 'sam', false, second), { ok: true }, 'a credential replaces its own connection');
  ids.release('phone', first);
  t.ok(ids.connectedAs('phone', 'sam'), 'the older connection closing does not free the newer one');
  ids.release('phone', second);
  t.notOk(ids.owned('phone'), 'a clean session is gone with its connection');
  t.match(ids.claim('phone', 'alex', false, {}), { ok: true });

  forgetSessionsOf(db, 'alex');
  t.match(ids.claim('tablet', 'gran', true, {}), { ok: false, heldBy: 'connection' }, 'still connected: held until that connection closes');
  t.end();
});

t.test('client ids: a credential keeps a bounded number of persistent sessions, its least recently used idle one goes first', (t) => {
  const { owners: ids, clock } = owners(3);
  for (const id of ['a', 'b', 'c']) {
    const holder = {};
    ids.claim(id, 'gateway', true, holder);
    ids.release(id, holder);
    clock.advance(1000);
  }
  const busy = {};
  ids.claim('a', 'gateway', true, busy);
  clock.advance(1000);
  t.match(ids.claim('d', 'gateway', true, {}), { ok: true, evicted: ['b'] }, 'b was the least recently used, a is in use');
  t.notOk(ids.owned('b'));
  t.ok(ids.owned('a') && ids.owned('c') && ids.owned('d'));
  t.end();
});

function fakeSocket(address: string, port: number): AdmittedSocket & { destroyed: boolean; close(): void } {
  let onClose: (() => void) | undefined;
  const socket = {
    remoteAddress: address,
    remotePort: port,
    destroyed: false,
    destroy: () => {
      socket.destroyed = true;
      onClose?.();
    },
    once: (_event: 'close', listener: () => void) => {
      onClose = listener;
      return socket;
    },
    close: () => onClose?.(),
  };
  return socket;
}

function admission(): { gate: ConnectionAdmission; refused: [string, AdmissionRefusal][]; fire: () => void } {
  const refused: [string, AdmissionRefusal][] = [];
  const timers: (() => void)[] = [];
  const gate = new ConnectionAdmission({ maxPending: 4, maxPendingPerAddress: 2, deadlineMs: 5000 }, (a, why) => refused.push([a, why]), {
    setTimeout: (callback) => timers.push(callback),
    clearTimeout: () => undefined,
  });
  return { gate, refused, fire: () => timers.splice(0).forEach((f) => f()) };
}

t.test('admission: per address, in all, the oldest idle socket of the largest holder gives way, and a deadline', (t) => {
  const { gate, refused, fire } = admission();
  let port = 1000;
  const a = [fakeSocket('10.0.0.1', port++), fakeSocket('10.0.0.1', port++)];
  t.ok(a.every((s) => gate.admit(s)));
  t.notOk(gate.admit(fakeSocket('10.0.0.1', port++)), 'a third from one address is refused');
  const b = fakeSocket('10.0.0.2', port++);
  const c = fakeSocket('10.0.0.3', port++);
  t.ok(gate.admit(b) && gate.admit(c));
  t.equal(gate.pendingCount, 4);
  gate.connectReceived(a[0] ?? b);
  const device = fakeSocket('10.0.0.9', port++);
  t.ok(gate.admit(device), 'a newcomer gets in when all places are taken');
  t.ok(a[1]?.destroyed, 'in place of the idle socket of the address holding the most');
  t.notOk(a[0]?.destroyed, 'one that sent its CONNECT is being checked, and stays');
  gate.authenticated(device);
  t.equal(gate.pendingCount, 3, 'an authenticated socket leaves the pending ones');
  fire();
  t.ok(b.destroyed && c.destroyed && a[0]?.destroyed, 'what is still pending at the deadline is closed');
  t.notOk(device.destroyed);
  t.same(refused.map(([, why]) => why), ['address_limit', 'evicted', 'connect_deadline', 'connect_deadline', 'connect_deadline']);
  t.end();
});

t.test('admission: addresses group IPv4-mapped IPv6 with IPv4, and IPv6 by its /64', (t) => {
  t.equal(addressGroup('::ffff:192.168.1.20'), '192.168.1.20');
  t.equal(addressGroup('192.168.1.20'), '192.168.1.20');
  t.equal(addressGroup('fd00:1:2:3:aaaa::1'), 'fd00:1:2:3::/64');
  t.equal(addressGroup('fd00:1:2:3:bbbb:cccc:dddd:eeee'), 'fd00:1:2:3::/64');
  t.equal(addressGroup('fd00::1'), 'fd00:0:0:0::/64');
  t.equal(addressGroup('::1'), '0:0:0:0::/64');
  t.end();
});

t.test('retained budget: count and bytes per credential; an empty payload clears; replacing a topic costs only the difference', (t) => {
  const budget = new RetainedBudget({ maxMessages: 2, maxBytes: 100 });
  t.ok(budget.admit('gw', 'a', 40 - 1));
  t.ok(budget.admit('gw', 'a', 50 - 1), 'the same topic again replaces it');
  t.same(budget.of('gw'), { count: 1, bytes: 50 });
  t.ok(budget.admit('gw', 'b', 40));
  t.notOk(budget.admit('gw', 'c', 1), 'a third topic is over the count');
  t.notOk(budget.admit('gw', 'b', 60), 'a larger one over the bytes');
  t.ok(budget.admit('other', 'c', 99), 'another credential has its own share');
  t.ok(budget.admit('gw', 'a', 0), 'clearing always passes');
  t.same(budget.of('gw'), { count: 1, bytes: 41 });
  t.ok(budget.admit('gw', 'c', 10), "taking over another's topic moves it to this share");
  t.same(budget.of('other'), { count: 0, bytes: 0 });
  t.end();
});
