import t from 'tap';
import { ManualClock } from '../../core/clock.js';
import { RateLimitedLog } from '../../hub/log/log-limiter.js';
import { HubLogging, type Logger } from '../../hub/log/logger.js';
import { payloadDigest } from '../../hub/log/payload-digest.js';

function captured(): { logger: Logger; lines: () => { msg: string; source?: string; suppressed?: number }[] } {
  const written: string[] = [];
  const logging = new HubLogging({ level: 'info', destination: { write: (line: string) => void written.push(line) } });
  return { logger: logging.part('test'), lines: () => written.map((l) => JSON.parse(l) as { msg: string; source?: string; suppressed?: number }) };
}

t.test('a few lines per source, then a summary of what was held back when the source may write again', (t) => {
  const clock = new ManualClock(0);
  const { logger, lines } = captured();
  const log = new RateLimitedLog(logger, () => clock.now(), { perSource: { burst: 2, perMinute: 1 }, overall: { burst: 100, perMinute: 100 }, maxSources: 10 });
  for (let i = 0; i < 10; i++) log.warn('device-a', { i }, 'refused');
  log.warn('device-b', {}, 'refused');
  t.same(lines().map((l) => [l.source, l.msg]), [['device-a', 'refused'], ['device-a', 'refused'], ['device-b', 'refused']], 'another source is not held back by a noisy one');
  clock.advance(60_000);
  log.warn('device-a', {}, 'refused');
  t.same(lines().slice(3).map((l) => [l.source, l.msg, l.suppressed]), [['device-a', 'refused: 8 more suppressed', 8], ['device-a', 'refused', undefined]]);
  t.end();
});

t.test('many sources together are bounded too, and flush says what is still owed', (t) => {
  const clock = new ManualClock(0);
  const { logger, lines } = captured();
  const log = new RateLimitedLog(logger, () => clock.now(), { perSource: { burst: 5, perMinute: 5 }, overall: { burst: 3, perMinute: 1 }, maxSources: 4 });
  for (let i = 0; i < 50; i++) log.info(`address-${i}`, {}, 'socket closed');
  t.equal(lines().length, 3, 'a sender changing its key every time still writes only the overall burst');
  log.flush();
  t.match(lines().at(-1), { msg: '47 more log lines from outside suppressed', suppressed: 47 });
  t.end();
});

t.test('a payload digest tells equal payloads apart from different ones without their bytes', (t) => {
  const one = payloadDigest(Buffer.from('hr=143;spo2=91'));
  t.same(one, payloadDigest(Buffer.from('hr=143;spo2=91')));
  t.not(one.digest, payloadDigest(Buffer.from('hr=144;spo2=91')).digest);
  t.equal(one.bytes, 14);
  t.match(one.digest, /^[0-9a-f]{16}$/);
  t.end();
});
