import t from 'tap';
import { openDripSocket, portOf, rawRequest } from '../helpers/raw-http.js';
import { startApiHub } from './api-harness.js';

/**
 * Slow-loris: sockets that send their headers a line at a time, or nothing at all, are closed once
 * their header time is up, and a kept-alive socket once it has idled; meanwhile real requests are
 * answered. The header time is shortened to 2 s so that the test waits for seconds, not minutes.
 */

const HEALTH = 'GET /api/v1/health HTTP/1.1\r\nHost: hearth.local\r\nConnection: close\r\n\r\n';

t.test('200 dripping sockets and 20 silent ones are closed while a real request still answers', async (t) => {
  const api = await startApiHub({ http: { headersTimeoutSeconds: 2, idleSocketSeconds: 1 } });
  t.teardown(() => api.stop());
  const port = portOf(api.base);
  // Node's defaults would hold such sockets for 60 to 90 s (a 60 s header time checked every 30 s)
  // and a kept-alive one for 72 s, and a request body for ever: the limits are the hub's own.
  const node = api.hub.context.http.server;
  t.equal(node.headersTimeout, 2000, 'the header time is the configured one');
  const checkMs = (node as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval;
  t.ok(checkMs <= 1000, `and checked each second (${checkMs} ms)`);
  t.equal(node.keepAliveTimeout, 1000, 'the idle time is the configured one');
  t.ok(node.requestTimeout > 0 && node.requestTimeout <= 60_000, `a whole request has a bound too (${node.requestTimeout} ms)`);
  const drips = await Promise.all(Array.from({ length: 200 }, (_, i) => openDripSocket({ port, localAddress: `127.0.2.${(i % 50) + 1}` })));
  const dripping = setInterval(() => {
    for (const d of drips) d.drip();
  }, 200);
  t.teardown(() => clearInterval(dripping));
  const silent = await Promise.all(Array.from({ length: 20 }, () => openDripSocket({ port }, { silent: true })));

  const during = await rawRequest({ port }, HEALTH);
  t.equal(during.status, 200, 'a real request answers while 220 sockets are held open');

  const dripAnswers = await Promise.all(drips.map((d) => d.closed));
  t.equal(dripAnswers.length, 200, 'every dripping socket was closed by the hub');
  t.equal(dripAnswers.filter((a) => a.startsWith('HTTP/1.1 408')).length, 200, 'each told 408 Request Timeout');
  await Promise.all(silent.map((s) => s.closed));
  t.pass('every silent socket was closed by the hub');
  t.equal((await rawRequest({ port }, HEALTH)).status, 200, 'and the hub answers after');

  // A kept-alive socket that asked once and then idles is closed too.
  const idle = await openDripSocket({ port }, { silent: true });
  idle.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: hearth.local\r\n\r\n');
  t.match(await idle.closed, /^HTTP\/1\.1 200/, 'the idle kept-alive socket got its answer, then was closed');
});
