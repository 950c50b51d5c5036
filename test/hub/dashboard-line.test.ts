import type { NetworkInterfaceInfo } from 'node:os';
import t from 'tap';
import { dashboardLine, type BoxNetwork } from '../../hub/cli/dashboard-line.js';

function ipv4(address: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr: `${address}/24` };
}
function ipv6(address: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '00:00:00:00:00:00', internal, cidr: `${address}/64`, scopeid: 0 };
}

const PI: BoxNetwork = {
  hostname: 'hearth',
  interfaces: { lo: [ipv4('127.0.0.1', true), ipv6('::1', true)], eth0: [ipv4('192.168.1.20'), ipv6('fe80::1')], wlan0: [ipv4('192.168.1.21')] },
};

t.test('bound to every interface: the mDNS name first, then each LAN address, with the real port', (t) => {
  t.equal(
    dashboardLine({ host: '0.0.0.0', port: 8080 }, PI),
    'Hearth is running: open http://hearth.local:8080/ (or http://192.168.1.20:8080/, http://192.168.1.21:8080/) in a browser on this network.',
  );
  t.equal(
    dashboardLine({ host: '::', port: 41757 }, { hostname: 'hearth', interfaces: { eth0: [ipv4('10.0.0.5')] } }),
    'Hearth is running: open http://hearth.local:41757/ (or http://10.0.0.5:41757/) in a browser on this network.',
  );
  t.end();
});

t.test('a hostname that is already a full name is used as it is; localhost is not a name others can use', (t) => {
  t.match(dashboardLine({ host: '0.0.0.0', port: 8080 }, { ...PI, hostname: 'pi.home.example' }), /^Hearth is running: open http:\/\/pi\.home\.example:8080\/ \(or /);
  t.equal(
    dashboardLine({ host: '0.0.0.0', port: 8080 }, { hostname: 'localhost', interfaces: { eth0: [ipv4('192.168.1.20')] } }),
    'Hearth is running: open http://192.168.1.20:8080/ in a browser on this network.',
  );
  t.end();
});

t.test('no network address yet: the box itself, and the name to use once it joins one', (t) => {
  t.equal(
    dashboardLine({ host: '0.0.0.0', port: 8080 }, { hostname: 'hearth', interfaces: { lo: [ipv4('127.0.0.1', true)] } }),
    'Hearth is running: open http://127.0.0.1:8080/ in a browser on this box. It has no network address yet; once it joins one, open http://hearth.local:8080/ from other devices.',
  );
  t.end();
});

t.test('bound to loopback: says other devices cannot reach it, and what to change where', (t) => {
  t.equal(
    dashboardLine({ host: '127.0.0.1', port: 8080, configFile: '/etc/hearth/hearth.yaml' }, PI),
    'Hearth is running: open http://127.0.0.1:8080/ in a browser on this box. It listens on loopback only, so other devices cannot reach it; ' +
      'to open it to your network, set http.host to 0.0.0.0 in /etc/hearth/hearth.yaml and restart.',
  );
  t.match(dashboardLine({ host: '::1', port: 8080 }, PI), /^Hearth is running: open http:\/\/\[::1\]:8080\/ in a browser on this box\. It listens on loopback only.* in the config file and restart\.$/);
  t.match(dashboardLine({ host: 'localhost', port: 9000 }, PI), /open http:\/\/localhost:9000\/ .*loopback only/);
  t.end();
});

t.test('bound to one address: that address only', (t) => {
  t.equal(dashboardLine({ host: '192.168.1.21', port: 8080 }, PI), 'Hearth is running: open http://192.168.1.21:8080/ in a browser on this network.');
  t.equal(dashboardLine({ host: 'fd00::20', port: 8080 }, PI), 'Hearth is running: open http://[fd00::20]:8080/ in a browser on this network.');
  t.end();
});
