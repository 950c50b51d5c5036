#!/usr/bin/python3
"""Runs the Eclipse Paho MQTT interoperability suite against a broker that, like Hearth's, needs
credentials and keeps each client to its own topics.

The suite (client_test.py for MQTT 3.1.1, client_test5.py for MQTT 5) is used as it is, from
../shared/tools/paho-mqtt-testing; it expects an anonymous broker and topics at the root
(TopicA, TopicA/B, /TopicA, ...). This wrapper changes only what it must:

- every CONNECT the suite sends carries --username and the password from $PAHO_PASSWORD (never
  on the command line, where other users could read it);
- the suite's topics and topic filters are put under --prefix, so a credential whose rights cover
  <prefix>/# covers them all (a prefix of whole levels keeps every match and non-match the suite
  tests: TopicA/+ still matches TopicA/B and not TopicA/B/C);
- host and port are set on the suite's module (its own -h/-p options do not reach it);
- --skip names test cases to leave out, such as test_dollar_topics, which the suite says to omit
  for a broker that does not let clients publish to $ topics.

It prints one line per test case, `PAHO <result> <name>`, and a last line `PAHO SUMMARY <json>`,
and exits 0 only when no case failed.
"""

import argparse
import importlib
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SUITE_DIR = os.path.normpath(os.path.join(HERE, '..', '..', '..', '..', 'shared', 'tools', 'paho-mqtt-testing', 'interoperability'))
MODULES = {'3.1.1': 'client_test', '5': 'client_test5'}
TOPICS = ('TopicA', 'TopicA/B', 'Topic/C', 'TopicA/C', '/TopicA')
WILD_TOPICS = ('TopicA/+', '+/C', '#', '/#', '/+', '+/+', 'TopicA/#')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--suite', choices=sorted(MODULES), required=True, help='3.1.1 (client_test.py) or 5 (client_test5.py)')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--username', default=None, help='sent on every CONNECT, with the password from $PAHO_PASSWORD')
    parser.add_argument('--prefix', default='', help='topic levels put before every topic and filter, e.g. home/paho')
    parser.add_argument('--nosubscribe', default='test/nosubscribe', help='a filter the credential may not subscribe to')
    parser.add_argument('--skip', action='append', default=[], help='a test case to leave out (repeatable)')
    parser.add_argument('--suite-dir', default=os.environ.get('PAHO_SUITE_DIR', DEFAULT_SUITE_DIR))
    return parser.parse_args()


def prefixed(prefix, names):
    return tuple(f'{prefix}/{name}' if prefix else name for name in names)


def send_credentials(client_class, username, password):
    """Every connect of the suite's client goes with the credential, unless the case sets its own."""
    connect = client_class.connect

    def connect_with_credentials(self, *args, **kwargs):
        if username is not None:
            kwargs.setdefault('username', username)
            kwargs.setdefault('password', password)
        return connect(self, *args, **kwargs)

    client_class.connect = connect_with_credentials


def configure(module, args):
    topics = prefixed(args.prefix, TOPICS)
    wild_topics = prefixed(args.prefix, WILD_TOPICS)
    nosubscribe = (args.nosubscribe,)

    def set_data():
        module.topics, module.wildtopics, module.nosubscribe_topics = topics, wild_topics, nosubscribe

    set_data()
    # client_test5 sets its topics again in setUpClass; the prefixed ones stay.
    if hasattr(module, 'setData'):
        module.setData = set_data
    module.topic_prefix = f'{args.prefix}/' if args.prefix else ''
    module.host = args.host
    module.port = args.port


class LineResult(unittest.TextTestResult):
    """Says each case's result on its own line as it ends, and keeps them for the summary."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {}

    def _note(self, test, outcome, detail=''):
        # A failure in setUpClass comes as a holder named after it, not as a case.
        name = getattr(test, '_testMethodName', None) or str(test)
        self.outcomes[name] = outcome
        print(f'PAHO {outcome} {name}{" — " + detail if detail else ""}', flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._note(test, 'pass')

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._note(test, 'fail', str(err[1]).splitlines()[0] if str(err[1]) else err[0].__name__)

    def addError(self, test, err):
        super().addError(test, err)
        self._note(test, 'error', f'{err[0].__name__}: {err[1]}')

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._note(test, 'skip', reason)


def main():
    args = parse_args()
    password = os.environ.get('PAHO_PASSWORD', '').encode('utf-8')
    sys.path.insert(0, args.suite_dir)
    module = importlib.import_module(MODULES[args.suite])
    send_credentials(module.mqtt_client.Client, args.username, password)
    configure(module, args)
    for name in args.skip:
        if not hasattr(module.Test, name):
            sys.exit(f'run_paho: no test case {name} in {MODULES[args.suite]}.py')
        setattr(module.Test, name, unittest.skip('left out by --skip')(getattr(module.Test, name)))
    suite = unittest.TestLoader().loadTestsFromTestCase(module.Test)
    runner = unittest.TextTestRunner(stream=sys.stderr, verbosity=0, resultclass=LineResult)
    result = runner.run(suite)
    outcomes = result.outcomes
    counts = {outcome: sum(1 for o in outcomes.values() if o == outcome) for outcome in ('pass', 'fail', 'error', 'skip')}
    print('PAHO SUMMARY ' + json.dumps({'suite': args.suite, 'counts': counts, 'cases': outcomes}), flush=True)
    sys.exit(0 if counts['fail'] == 0 and counts['error'] == 0 else 1)


if __name__ == '__main__':
    main()
