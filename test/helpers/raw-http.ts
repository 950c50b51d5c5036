import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  /** By lower-case name; the values of a repeated header are joined by newlines. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface RawTarget {
  readonly port: number;
  readonly host?: string;
  /** The client's own address (any of 127.0.0.0/8 on Linux), to act as another machine of the LAN. */
  readonly localAddress?: string;
}

/** The port of an `http://host:port` base URL. */
export function portOf(base: string): number {
  return Number(new URL(base).port);
}

/**
 * Sends bytes exactly as given (fetch would normalise the path, refuse absolute-form targets and
 * drop some headers) and reads one answer, closing the socket. The request must say
 * `Connection: close` or carry no body beyond what it declares.
 */
export function rawRequest(target: RawTarget, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: target.port, host: target.host ?? '127.0.0.1', ...(target.localAddress !== undefined ? { localAddress: target.localAddress } : {}) });
    const chunks: Buffer[] = [];
    const head = request.startsWith('HEAD ');
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const answer = parseAnswer(Buffer.concat(chunks), head);
      if (answer !== undefined) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const answer = parseAnswer(Buffer.concat(chunks), head, true);
      if (answer !== undefined) resolve(answer);
      else reject(new Error(`the connection closed without a complete answer: ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 200))}`));
    });
  });
}

/** One answer once it is complete (by Content-Length, chunked end, or the close of the socket). */
function parseAnswer(bytes: Buffer, head: boolean, closed = false): RawAnswer | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? NaN);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    // A repeated header (Set-Cookie) keeps every value, one a line.
    headers[name] = headers[name] === undefined ? value : `${headers[name]}\n${value}`;
  }
  const rest = bytes.subarray(end + 4);
  // The answer to a HEAD has the headers of a GET and no body.
  if (head) return { status, headers, body: '' };
  const length = headers['content-length'];
  if (length !== undefined) return rest.length >= Number(length) ? { status, headers, body: rest.subarray(0, Number(length)).toString('utf8') } : undefined;
  if (headers['transfer-encoding']?.includes('chunked') === true) {
    const body = dechunk(rest);
    return body === undefined ? undefined : { status, headers, body };
  }
  // 1xx, 204 and 304 have no body; anything else without a length ends with the connection.
  if (status < 200 || status === 204 || status === 304 || closed) return { status, headers, body: rest.toString('utf8') };
  return undefined;
}

function dechunk(bytes: Buffer): string | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts).toString('utf8');
    if (bytes.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** A socket that stays connected and sends the start of a request's headers, a byte at a time on each `drip()`. */
export interface DripSocket {
  readonly socket: Socket;
  /** Resolves when the server closed the connection (or it failed), with what the server sent. */
  readonly closed: Promise<string>;
  drip(): void;
}

/** `silent`: connects and sends nothing (an idle socket) until the test writes to it. */
export function openDripSocket(target: RawTarget, options: { readonly silent?: boolean } = {}): Promise<DripSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: target.port, host: target.host ?? '127.0.0.1', ...(target.localAddress !== undefined ? { localAddress: target.localAddress } : {}) });
    let received = '';
    const closed = new Promise<string>((done) => {
      socket.on('close', () => done(received));
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      if (options.silent !== true) socket.write('GET /api/v1/health HTTP/1.1\r\nHost: hearth.local\r\n');
      let n = 0;
      resolve({
        socket,
        closed,
        drip: () => {
          if (!socket.destroyed) socket.write(`X-Drip-${n++}: a\r\n`);
        },
      });
    });
    socket.once('error', reject);
  });
}
