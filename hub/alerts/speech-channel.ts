import type { Logger } from 'pino';
import type { AlertChannel, Delivery } from './alert-channel.js';
import type { AlertRecord } from './alert-record.js';
import type { Speaker } from './espeak-speaker.js';
import { atLeast, type Severity } from './severity.js';

/** Sentences waiting for the speaker beyond this are dropped: a backlog would speak stale news. */
const MAX_WAITING = 10;

/**
 * Speaks new and repeated alerts on the hub's own speaker, one sentence at a time. A failure is
 * reported to whoever delivered (it goes into the alert's history), never thrown at the hub.
 */
export class SpeechChannel implements AlertChannel {
  readonly name = 'speech';
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private failing = false;

  constructor(
    private readonly speaker: Speaker,
    private readonly minSeverity: Severity,
    private readonly logger: Logger,
    /** False when the speaker only writes sound files (no audio device set up): nobody hears them. */
    private readonly audible = true,
  ) {}

  missingRecipient(alert: Pick<AlertRecord, 'severity'>, delivery: Delivery): string | undefined {
    if (!this.speaks(alert, delivery) || this.audible) return undefined;
    return 'no speaker is set up (alerts.speech.device); the sentence was only saved as a sound file';
  }

  private speaks(alert: Pick<AlertRecord, 'severity'>, delivery: Delivery): boolean {
    return (delivery.kind === 'notify' || delivery.kind === 'repeat') && atLeast(alert.severity, this.minSeverity);
  }

  async deliver(alert: Pick<AlertRecord, 'id' | 'severity' | 'spoken'>, delivery: Delivery): Promise<boolean> {
    if (!this.speaks(alert, delivery)) return false;
    if (this.waiting >= MAX_WAITING) throw new Error('the speaker is busy; this announcement was dropped');
    this.waiting += 1;
    const turn = this.queue.then(() => this.speaker.speak(alert.spoken, alert.id));
    this.queue = turn.catch(() => undefined);
    try {
      const outcome = await turn;
      this.failing = false;
      return outcome.played || outcome.file !== '';
    } catch (error) {
      if (!this.failing) this.logger.error({ err: (error as Error).message }, 'speech failed; install espeak-ng for spoken alerts');
      this.failing = true;
      throw error;
    } finally {
      this.waiting -= 1;
    }
  }
}
