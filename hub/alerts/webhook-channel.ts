import type { AlertChannel, Delivery } from './alert-channel.js';
import type { AlertRecord } from './alert-record.js';
import type { WebhookTargetSetting } from './channel-settings.js';
import { atLeast } from './severity.js';
import type { PushMessage, PushTarget, WebhookSender } from './webhook-sender.js';

/**
 * Pushes to phones through ntfy or Gotify: the household's own push addresses when an alert is
 * first notified, and the person's caregivers' addresses when it is escalated. Nothing is sent
 * unless the household has set up an address. The addresses are asked for at each delivery, so
 * one added on the dashboard gets the next alert.
 */
export class WebhookChannel implements AlertChannel {
  readonly name = 'webhook';

  constructor(
    private readonly sender: WebhookSender,
    private readonly household: () => readonly WebhookTargetSetting[],
    private readonly dashboardUrl: string,
  ) {}

  missingRecipient(_alert: Pick<AlertRecord, 'severity'>, delivery: Delivery): string | undefined {
    if (delivery.kind === 'notify' && this.household().length === 0) return 'no push address is set up; add one under Settings, Alert channels';
    if (delivery.kind === 'escalate' && delivery.caregivers.webhookUrls.length === 0) return 'no caregiver push address for this person; add one under Settings, Alert channels';
    return undefined;
  }

  async deliver(alert: AlertRecord, delivery: Delivery): Promise<boolean> {
    const link = this.dashboardUrl === '' ? undefined : `${this.dashboardUrl.replace(/\/+$/, '')}/alerts/${encodeURIComponent(alert.id)}`;
    const message = link === undefined ? alert.spoken : `${alert.spoken}\n${link}`;
    if (delivery.kind === 'notify') {
      const targets = this.household().filter((t) => atLeast(alert.severity, t.minSeverity));
      if (targets.length === 0) return false;
      const push: PushMessage = { title: alert.title, message, severity: alert.severity, urgent: false, tags: [alert.severity, alert.rule], ...(link !== undefined ? { click: link } : {}) };
      await this.sendAll(targets, push);
      return true;
    }
    if (delivery.kind === 'escalate') {
      const urls = delivery.caregivers.webhookUrls;
      if (urls.length === 0) return false;
      const push: PushMessage = { title: `Nobody has answered: ${alert.title}`, message, severity: alert.severity, urgent: true, tags: ['rotating_light', alert.rule], ...(link !== undefined ? { click: link } : {}) };
      await this.sendAll(urls.map((url) => ({ url, format: 'ntfy' as const })), push);
      return true;
    }
    return false;
  }

  /** Every address gets its try; the delivery fails if any of them finally failed. */
  private async sendAll(targets: readonly PushTarget[], push: PushMessage): Promise<void> {
    const results = await Promise.allSettled(targets.map((t) => this.sender.send(t, push)));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) throw new Error(failed.map((f) => (f.reason as Error).message).join('; '));
  }
}
