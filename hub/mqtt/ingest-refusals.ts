import type { RefusalReason } from '../bus/hub-events.js';
import type { SourceRefusal } from '../ingest/ingest.js';

/** Why the broker refused a message; `rejected_by_gate` when the gate refused a reading of it. */
export type MqttRefusalReason = RefusalReason | 'rejected_by_gate';

export interface MqttIngestFigures {
  readonly messages: number;
  readonly readingsAccepted: number;
  readonly refused: { readonly total: number; readonly byReason: Readonly<Partial<Record<MqttRefusalReason, number>>> };
}

export interface MqttRefusalContext {
  /** `gateway` for a BLE gateway's topics; `mqtt` otherwise. */
  readonly via?: 'mqtt' | 'gateway';
  /** The refused payload: its length and digest are logged, never its bytes. */
  readonly payload?: Uint8Array;
}

/**
 * What the broker refused, by reason, for the MQTT part's own figures — and every refusal handed to
 * the ingest, which counts it with all the hub's refusals (on disk, `/health`, `/metrics`) and logs
 * it without its bytes and without flooding. A message the gate refused is not handed on: the gate
 * has already counted and logged the readings that failed.
 */
export class IngestRefusals {
  private messages = 0;
  private readingsAccepted = 0;
  private total = 0;
  private readonly byReason = new Map<MqttRefusalReason, number>();

  constructor(private readonly ingest: { refuse(refusal: SourceRefusal): void }) {}

  noteMessage(readingsAccepted: number): void {
    this.messages++;
    this.readingsAccepted += readingsAccepted;
  }

  /** `source` names the sender as far as it is known: a topic, a credential, an address. */
  refuse(source: string, reason: MqttRefusalReason, detail: string, context: MqttRefusalContext = {}): void {
    this.total++;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
    if (reason === 'rejected_by_gate') return;
    this.ingest.refuse({ via: context.via ?? 'mqtt', source, reason, detail, ...(context.payload !== undefined ? { payload: context.payload } : {}) });
  }

  figures(): MqttIngestFigures {
    return { messages: this.messages, readingsAccepted: this.readingsAccepted, refused: { total: this.total, byReason: Object.fromEntries(this.byReason) } };
  }
}
