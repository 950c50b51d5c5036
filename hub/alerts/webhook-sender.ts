import type { WebhookFormat } from './alerts-config.js';
import { RetryableError, retryWithBackoff, type RetryPolicy, type Sleep } from './retry-with-backoff.js';
import type { Severity } from './severity.js';

/** One push, as ntfy and Gotify both understand it. */
export interface PushMessage {
  readonly title: string;
  readonly message: string;
  readonly severity: Severity;
  /** Escalations go out at the highest priority. */
  readonly urgent: boolean;
  readonly click?: string;
  readonly tags: readonly string[];
}

export interface PushTarget {
  readonly url: string;
  readonly format: WebhookFormat;
  readonly token?: string;
}

export interface WebhookSenderOptions {
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly fetch?: typeof fetch;
  readonly sleep?: Sleep;
  readonly random?: () => number;
}

const NTFY_PRIORITY: Readonly<Record<Severity, number>> = { info: 3, warning: 4, critical: 5 };
const GOTIFY_PRIORITY: Readonly<Record<Severity, number>> = { info: 4, warning: 7, critical: 10 };

/** HTTP header values are Latin-1; ntfy decodes RFC 2047 for anything else (names in any script). */
function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function request(target: PushTarget, push: PushMessage): { headers: Record<string, string>; body: string } {
  if (target.format === 'gotify') {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (target.token !== undefined) headers['x-gotify-key'] = target.token;
    const extras = push.click === undefined ? {} : { extras: { 'client::notification': { click: { url: push.click } } } };
    return { headers, body: JSON.stringify({ title: push.title, message: push.message, priority: push.urgent ? 10 : GOTIFY_PRIORITY[push.severity], ...extras }) };
  }
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    title: headerText(push.title),
    priority: String(push.urgent ? 5 : NTFY_PRIORITY[push.severity]),
    tags: push.tags.join(','),
  };
  if (push.click !== undefined) headers['click'] = push.click;
  if (target.token !== undefined) headers['authorization'] = `Bearer ${target.token}`;
  return { headers, body: push.message };
}

/** Where a push went, without the path (an ntfy topic name is as good as a password). */
export function describeTarget(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid address';
  }
}

/** Why a server refused, for the statuses whose cause the household can fix. */
const REFUSAL_HINTS: Readonly<Record<number, string>> = {
  400: 'the server did not understand the message (is the format, ntfy or Gotify, right?)',
  401: 'the token is wrong or missing',
  403: 'the token is wrong or missing',
  404: 'there is no such topic or path on that server',
  413: 'the message is too large for that server',
  429: 'the server asks to wait before sending more',
};

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing answers at that address',
  ENOTFOUND: 'the server name is not known',
  EAI_AGAIN: 'the server name could not be looked up',
  ECONNRESET: 'the connection was cut',
  EHOSTUNREACH: 'that server cannot be reached from the hub',
  ENETUNREACH: 'the hub has no network to that server',
  ETIMEDOUT: 'the server did not answer',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another name',
};

/** What went wrong with a request that got no answer, in words (fetch itself only says "fetch failed"). */
function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code !== undefined) return NETWORK_REASONS[code] ?? `${typeof cause?.message === 'string' ? cause.message : code}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Posts pushes ntfy- or Gotify-style, retrying a server that is down or busy (network errors,
 * timeouts, 5xx, 429) with exponential backoff and jitter, a bounded number of times. A 4xx other
 * than 429 is final: the address or token is wrong and retrying will not fix it.
 */
export class WebhookSender {
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: WebhookSenderOptions) {
    this.fetcher = options.fetch ?? fetch;
  }

  async send(target: PushTarget, push: PushMessage): Promise<void> {
    const { headers, body } = request(target, push);
    const where = describeTarget(target.url);
    await retryWithBackoff(
      async () => {
        let response: Response;
        try {
          response = await this.fetcher(target.url, { method: 'POST', headers, body, signal: AbortSignal.any([this.options.signal, AbortSignal.timeout(this.options.timeoutMs)]) });
        } catch (error) {
          if (this.options.signal.aborted) throw new Error(`push to ${where} abandoned: the hub is stopping`);
          throw new RetryableError(`push to ${where} failed: ${networkReason(error, this.options.timeoutMs)}`);
        }
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) return;
        const hint = REFUSAL_HINTS[response.status];
        const message = `push to ${where} was refused with HTTP ${response.status}${hint !== undefined ? `: ${hint}` : ''}`;
        if (response.status >= 500 || response.status === 429) throw new RetryableError(message);
        throw new Error(message);
      },
      this.options.retry,
      { signal: this.options.signal, ...(this.options.sleep !== undefined ? { sleep: this.options.sleep } : {}), ...(this.options.random !== undefined ? { random: this.options.random } : {}) },
    );
  }
}
