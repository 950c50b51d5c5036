import type { HubIdentity } from './hub-identity.js';
import type { RelayRequest, RelayResponse, RelayTransport } from './relay-transport.js';

/** A refusal by the relay that retrying will not change (bad request, refused enrolment). */
export class RelayRefused extends Error {
  override name = 'RelayRefused';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function errorText(response: RelayResponse): string {
  try {
    const parsed = JSON.parse(response.body.toString('utf8')) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the status
  }
  return `status ${response.status}`;
}

/**
 * The hub's side of the relay protocol: every request signed with the hub key, registration done
 * once on first need (the relay answers 401 unknown_hub until then).
 */
export class RelayClient {
  private registered = false;

  constructor(
    private readonly transport: RelayTransport,
    private readonly identity: HubIdentity,
    private readonly enrolmentToken: string,
  ) {}

  get keyId(): string {
    return this.identity.keyId;
  }

  async register(): Promise<void> {
    const body = Buffer.from(JSON.stringify({ publicKey: this.identity.publicKeyDer.toString('base64'), enrolment: this.enrolmentToken }));
    const response = await this.signed('POST', '/v1/hubs', body, 'application/json');
    if (response.status !== 200 && response.status !== 201) throw new RelayRefused(response.status, `registration refused: ${errorText(response)}`);
    this.registered = true;
  }

  /** Sends a signed request; registers first and tries again when the relay does not know this hub. */
  async call(method: RelayRequest['method'], path: string, body: Buffer = Buffer.alloc(0), contentType = 'application/json'): Promise<RelayResponse> {
    let response = await this.signed(method, path, body, contentType);
    if (response.status === 401 && !this.registered && errorText(response).includes('not registered')) {
      await this.register();
      response = await this.signed(method, path, body, contentType);
    }
    return response;
  }

  /** An unsigned request (restore on a new box, which has no registered key). */
  async plain(method: RelayRequest['method'], path: string, headers: Record<string, string>): Promise<RelayResponse> {
    return this.transport.send({ method, path, headers, body: Buffer.alloc(0) });
  }

  private async signed(method: RelayRequest['method'], path: string, body: Buffer, contentType: string): Promise<RelayResponse> {
    const headers: Record<string, string> = { ...this.identity.signRequest(method, path, body) };
    if (body.length > 0) headers['content-type'] = contentType;
    return this.transport.send({ method, path, headers, body });
  }
}

export { errorText };
