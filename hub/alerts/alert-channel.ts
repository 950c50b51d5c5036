import type { AlertRecord } from './alert-record.js';
import type { Caregivers } from './caregiver-directory.js';

/**
 * Why a channel is handed an alert: the first notification, a repeat while nobody acknowledged,
 * the escalation to caregivers, or any other change (acknowledged, resolved, folded) that a
 * channel showing state must reflect.
 */
export type Delivery =
  | { readonly kind: 'notify' }
  | { readonly kind: 'repeat' }
  | { readonly kind: 'escalate'; readonly caregivers: Caregivers }
  | { readonly kind: 'update'; readonly change: 'folded' | 'cleared' | 'acknowledged' | 'resolved' };

/** A way to tell people. A channel ignores the deliveries it has nothing to do with (resolves false). */
export interface AlertChannel {
  readonly name: string;
  /** Resolves true when it told someone, false when the delivery was not for it; rejects when it failed. */
  deliver(alert: AlertRecord, delivery: Delivery): Promise<boolean> | boolean;
  /**
   * Why this delivery, which is for the channel, reaches no one (no address set up, no speaker),
   * in words without values or names; undefined when someone is there to be told.
   */
  missingRecipient?(alert: Pick<AlertRecord, 'severity'>, delivery: Delivery): string | undefined;
  stop?(): Promise<void> | void;
}
