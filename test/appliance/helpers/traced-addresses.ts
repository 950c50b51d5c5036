/**
 * Reads what `strace -e trace=connect,sendto,sendmsg,sendmmsg,bind` wrote and tells the addresses a
 * process reached for apart: loopback and the kernel's own sockets stay in the box; any other IP
 * address, anything sent to port 53, and the resolver's local sockets (nscd, systemd-resolved) are a
 * connection or a name lookup leaving it.
 */

export interface TracedAddress {
  readonly syscall: string;
  readonly family: string;
  /** An IP address, or a Unix socket's path. */
  readonly address: string;
  readonly port?: number;
  /** The line as strace wrote it. */
  readonly line: string;
}

const CALL = /\b(connect|sendto|sendmsg|sendmmsg|bind)\(/;
const INET = /sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]*)"\)/g;
const INET6 = /sa_family=AF_INET6, sin6_port=htons\((\d+)\),[^}]*?inet_pton\(AF_INET6, "([^"]*)"/g;
const UNIX = /sa_family=AF_UNIX, sun_path=@?"([^"]*)"/g;

/** Every socket address in the trace, in order. */
export function tracedAddresses(trace: string): TracedAddress[] {
  const found: TracedAddress[] = [];
  for (const line of trace.split('\n')) {
    const syscall = CALL.exec(line)?.[1];
    if (syscall === undefined) continue;
    for (const m of line.matchAll(INET)) found.push({ syscall, family: 'AF_INET', address: m[2] ?? '', port: Number(m[1]), line });
    for (const m of line.matchAll(INET6)) found.push({ syscall, family: 'AF_INET6', address: m[2] ?? '', port: Number(m[1]), line });
    for (const m of line.matchAll(UNIX)) found.push({ syscall, family: 'AF_UNIX', address: m[1] ?? '', line });
  }
  return found;
}

const LOOPBACK_V4 = /^127\./;
const LOOPBACK_V6 = /^(::1|::ffff:127\.[\d.]+)$/i;
/** Sockets through which glibc resolves names without sending a packet itself. */
const RESOLVER_SOCKETS = /nscd|systemd\/resolve/;

/** Why this address leaves the box, or undefined when it stays in it. */
export function leavesTheBox(entry: TracedAddress): string | undefined {
  if (entry.syscall === 'bind') return undefined;
  if (entry.port === 53) return 'a DNS lookup';
  if (entry.family === 'AF_UNIX') return RESOLVER_SOCKETS.test(entry.address) ? 'a name lookup through the local resolver' : undefined;
  if (entry.family === 'AF_INET' && !LOOPBACK_V4.test(entry.address) && entry.address !== '0.0.0.0') return 'a connection beyond loopback';
  if (entry.family === 'AF_INET6' && !LOOPBACK_V6.test(entry.address) && entry.address !== '::') return 'a connection beyond loopback';
  return undefined;
}
