import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RelayUnreachable, type RelayRequest, type RelayResponse, type RelayTransport } from './relay-transport.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export interface HttpsTransportOptions {
  readonly url: string;
  /** PEM of a CA to trust instead of the system's (a relay with its own certificate authority). */
  readonly ca?: Buffer;
  readonly timeoutMs?: number;
}

/**
 * HTTPS to the relay. Plain HTTP only to a loopback address (a relay on the same machine, or a
 * test); health data never crosses a network unencrypted.
 */
export class HttpsTransport implements RelayTransport {
  private readonly base: URL;

  constructor(private readonly options: HttpsTransportOptions) {
    this.base = new URL(options.url);
    if (this.base.protocol !== 'https:' && !(this.base.protocol === 'http:' && LOOPBACK.has(this.base.hostname))) {
      throw new Error(`relay.url must use https:// (got ${this.base.protocol}//${this.base.hostname})`);
    }
  }

  send(req: RelayRequest): Promise<RelayResponse> {
    const url = new URL(req.path, this.base);
    const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = make(
        url,
        {
          method: req.method,
          headers: { ...req.headers, 'content-length': String(req.body.length) },
          timeout: this.options.timeoutMs ?? 30_000,
          ...(this.options.ca !== undefined ? { ca: this.options.ca } : {}),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
          response.on('error', (error) => reject(new RelayUnreachable(error.message)));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
      outgoing.on('error', (error) => reject(new RelayUnreachable(error.message)));
      outgoing.end(req.body);
    });
  }
}
