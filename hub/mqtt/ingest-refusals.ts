import type { Logger } from 'pino';

export type MqttRefusalReason =
  | 'malformed_json'
  | 'invalid_payload'
  | 'unknown_metric'
  | 'wrong_unit'
  | 'too_many_readings'
  | 'oversized'
  | 'not_authorized'
  | 'rejected_by_gate'
  | 'store_failed';

const LOG_EVERY_MS = 60_000;

export interface MqttIngestFigures {
  readonly messages: number;
  readonly readingsAccepted: number;
  readonly refused: { readonly total: number; readonly byReason: Readonly<Partial<Record<MqttRefusalReason, number>>> };
}

/**
 * Counts MQTT messages the hub refused, by reason, and logs why — at most once a minute per device
 * and reason, so that one broken device cannot fill an SD card with the same line. The reason is
 * logged, never the payload (it may hold someone's values).
 */
export class IngestRefusals {
  private messages = 0;
  private readingsAccepted = 0;
  private total = 0;
  private readonly byReason = new Map<MqttRefusalReason, number>();
  private readonly lastLogged = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  noteMessage(readingsAccepted: number): void {
    this.messages++;
    this.readingsAccepted += readingsAccepted;
  }

  refuse(source: string, reason: MqttRefusalReason, detail: string): void {
    this.total++;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
    const key = `${source}\u0000${reason}`;
    const now = this.now();
    const last = this.lastLogged.get(key);
    if (last !== undefined && now - last.at < LOG_EVERY_MS) {
      last.suppressed++;
      return;
    }
    if (this.lastLogged.size > 10_000) this.lastLogged.clear();
    this.lastLogged.set(key, { at: now, suppressed: 0 });
    this.logger.warn({ source, reason, detail, ...(last !== undefined && last.suppressed > 0 ? { alsoRefusedSinceLastLog: last.suppressed } : {}) }, 'MQTT message refused');
  }

  figures(): MqttIngestFigures {
    return { messages: this.messages, readingsAccepted: this.readingsAccepted, refused: { total: this.total, byReason: Object.fromEntries(this.byReason) } };
  }
}
