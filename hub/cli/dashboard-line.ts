import type { NetworkInterfaceInfo } from 'node:os';

/** What the box knows of itself on the network: handed in (os.hostname, os.networkInterfaces) so tests choose it. */
export interface BoxNetwork {
  readonly hostname: string;
  readonly interfaces: Readonly<Record<string, readonly NetworkInterfaceInfo[] | undefined>>;
}

export interface DashboardListener {
  /** The host the HTTP server was asked to bind (http.host). */
  readonly host: string;
  /** The port it listens on, the one the system chose when the config said 0. */
  readonly port: number;
  /** The config file that set the host, to name in the advice; undefined when the defaults are used. */
  readonly configFile?: string | undefined;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function url(host: string, port: number): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${bracketed}:${port}/`;
}

/** The name other devices on the LAN reach the box by: its hostname over mDNS (`.local`), or the full name it already has. */
function lanName(hostname: string): string | undefined {
  const name = hostname.trim();
  if (name === '' || name === 'localhost' || name.startsWith('localhost.')) return undefined;
  return name.includes('.') ? name : `${name}.local`;
}

/** The box's IPv4 addresses other devices can use, loopback left out, in the order the system lists them. */
export function lanAddresses(network: BoxNetwork): string[] {
  const addresses: string[] = [];
  for (const entries of Object.values(network.interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal && !addresses.includes(entry.address)) addresses.push(entry.address);
    }
  }
  return addresses;
}

/**
 * The one plain line `hearth run` prints once the hub listens, whatever the log format: where a
 * person opens the dashboard, with the box's real name, addresses and port. A hub bound to loopback
 * says so, and what to change to reach it from a phone.
 */
export function dashboardLine(listener: DashboardListener, network: BoxNetwork): string {
  const { host, port } = listener;
  if (isLoopback(host)) {
    const where = listener.configFile === undefined ? 'the config file' : listener.configFile;
    return (
      `Hearth is running: open ${url(host, port)} in a browser on this box. ` +
      `It listens on loopback only, so other devices cannot reach it; to open it to your network, set http.host to 0.0.0.0 in ${where} and restart.`
    );
  }
  if (!WILDCARDS.has(host)) return `Hearth is running: open ${url(host, port)} in a browser on this network.`;
  const name = lanName(network.hostname);
  const addresses = lanAddresses(network).map((address) => url(address, port));
  if (addresses.length === 0) {
    const later = name === undefined ? 'other devices can reach it once it joins one' : `once it joins one, open ${url(name, port)} from other devices`;
    return `Hearth is running: open ${url('127.0.0.1', port)} in a browser on this box. It has no network address yet; ${later}.`;
  }
  const [first, ...rest] = name === undefined ? addresses : [url(name, port), ...addresses];
  const alternatives = rest.length === 0 ? '' : ` (or ${rest.join(', ')})`;
  return `Hearth is running: open ${first}${alternatives} in a browser on this network.`;
}
