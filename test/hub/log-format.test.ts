import t from 'tap';
import { chooseLogOutput, type LogTerminal } from '../../hub/log/log-format.js';
import { HubLogging } from '../../hub/log/logger.js';

/** Where a terminal's colour codes start. */
const ESCAPE = String.fromCharCode(27);

const terminal = (isTTY: boolean, env: LogTerminal['env'] = {}): LogTerminal => ({ isTTY, env });

t.test('auto: pretty at an interactive terminal, JSON when piped or under systemd', (t) => {
  t.same(chooseLogOutput('auto', terminal(true)), { format: 'pretty', colour: true }, 'a person at a terminal');
  t.same(chooseLogOutput('auto', terminal(false)), { format: 'json' }, 'a pipe or a file');
  t.same(chooseLogOutput('auto', terminal(true, { JOURNAL_STREAM: '8:12345' })), { format: 'json' }, 'output to the journal');
  t.same(chooseLogOutput('auto', terminal(true, { INVOCATION_ID: '0b9a4f' })), { format: 'json' }, 'a systemd unit with a terminal attached');
  t.same(chooseLogOutput('auto', terminal(true, { JOURNAL_STREAM: '', INVOCATION_ID: '' })), { format: 'pretty', colour: true }, 'empty variables are not systemd');
  t.same(chooseLogOutput('auto', terminal(true, { NO_COLOR: '1' })), { format: 'pretty', colour: false }, 'NO_COLOR keeps the lines pretty, without colour');
  t.end();
});

t.test('pretty and json are what they say, wherever the output goes', (t) => {
  t.same(chooseLogOutput('json', terminal(true)), { format: 'json' });
  t.same(chooseLogOutput('pretty', terminal(false)), { format: 'pretty', colour: false }, 'pretty into a pipe has no colour codes');
  t.same(chooseLogOutput('pretty', terminal(true, { INVOCATION_ID: 'x' })), { format: 'pretty', colour: true }, 'asked for, even under systemd');
  t.end();
});

function captured(output: Parameters<typeof chooseLogOutput>[0], isTTY = false): { logging: HubLogging; text: () => string } {
  const written: string[] = [];
  const logging = new HubLogging({ level: 'info', output: chooseLogOutput(output, terminal(isTTY)), destination: { write: (line: string) => void written.push(line) } });
  return { logging, text: () => written.join('') };
}

t.test('a pretty line per event: time, level, part and message, without the app, pid or hostname', (t) => {
  const { logging, text } = captured('pretty');
  logging.part('store').info({ from: 0, to: 1 }, 'store schema migrated');
  logging.part('api').warn('no account exists yet');
  logging.root.info('without a part');
  const lines = text().split('\n').filter((l) => l !== '');
  t.equal(lines.length, 3, text());
  t.match(lines[0], /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] INFO: store: store schema migrated \{"from":0,"to":1\}$/);
  t.match(lines[1], /^\[[^\]]+\] WARN: api: no account exists yet$/);
  t.match(lines[2], /^\[[^\]]+\] INFO: without a part$/);
  t.notMatch(text(), /hearth|pid|hostname/, 'no app, pid or hostname');
  t.notOk(text().includes(ESCAPE), 'no colour codes');
  t.end();
});

t.test('colour only when asked for', (t) => {
  const { logging, text } = captured('auto', true);
  logging.part('hub').info('hub started');
  t.ok(text().includes(`${ESCAPE}[32mINFO`), 'the level in colour');
  t.end();
});

t.test('pretty lines are made after redaction: nothing personal reaches the terminal either', (t) => {
  const { logging, text } = captured('pretty');
  logging.part('household').info({ person: { name: 'Zephyrine', value: 143 }, token: 'hx_secret' }, 'person added');
  t.notMatch(text(), /Zephyrine|143|hx_secret/);
  t.match(text(), /\[private\]/);
  t.end();
});

t.test('a plain line goes to the same stream, after the lines logged, neither JSON nor prettified', (t) => {
  for (const format of ['json', 'pretty'] as const) {
    const { logging, text } = captured(format);
    logging.part('hub').info('hub started');
    logging.say('Hearth is running: open http://hearth.local:8080/ in a browser on this network.');
    const lines = text().split('\n');
    t.match(lines[0], /hub started/, format);
    t.equal(lines[1], 'Hearth is running: open http://hearth.local:8080/ in a browser on this network.', format);
  }
  t.end();
});
