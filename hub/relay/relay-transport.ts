/** One HTTP exchange with the relay. Injected, so tests can capture every byte or take the relay away. */
export interface RelayRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Path and query, e.g. /v1/batches. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface RelayResponse {
  readonly status: number;
  readonly body: Buffer;
}

export interface RelayTransport {
  send(request: RelayRequest): Promise<RelayResponse>;
}

/** The relay could not be reached at all (network, DNS, TLS, timeout). */
export class RelayUnreachable extends Error {
  override name = 'RelayUnreachable';
}
