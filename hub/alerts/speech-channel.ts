import type { Logger } from 'pino';
import type { AlertChannel, Delivery } from './alert-channel.js';
import type { AlertRecord } from './alert-record.js';
import type { Speaker, SpeechOutcome } from './espeak-speaker.js';
import { atLeast, type Severity } from './severity.js';

/** Sentences waiting for the speaker beyond this are dropped: a backlog would speak stale news. */
const MAX_WAITING = 10;

/** The speaker's settings as they are now (the household may change them on the dashboard). */
export interface SpeechSettingsNow {
  readonly enabled: boolean;
  readonly minSeverity: Severity;
  /** False when the speaker only writes sound files (no audio device set up): nobody hears them. */
  readonly audible: boolean;
  readonly voice: string;
  readonly device: string;
}

/**
 * Speaks new and repeated alerts on the hub's own speaker, one sentence at a time. A failure is
 * reported to whoever delivered (it goes into the alert's history), never thrown at the hub. The
 * settings are asked for at each delivery, so switching the speaker off or on applies at once.
 */
export class SpeechChannel implements AlertChannel {
  readonly name = 'speech';
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private failing = false;

  constructor(
    private readonly speaker: Speaker,
    private readonly settings: () => SpeechSettingsNow,
    private readonly logger: Logger,
  ) {}

  missingRecipient(alert: Pick<AlertRecord, 'severity'>, delivery: Delivery): string | undefined {
    if (!this.speaks(alert, delivery) || this.settings().audible) return undefined;
    return 'no speaker is set up: no sound device is chosen under Settings, Alert channels, so the sentence was only saved as a sound file';
  }

  private speaks(alert: Pick<AlertRecord, 'severity'>, delivery: Delivery): boolean {
    const { enabled, minSeverity } = this.settings();
    return enabled && (delivery.kind === 'notify' || delivery.kind === 'repeat') && atLeast(alert.severity, minSeverity);
  }

  async deliver(alert: Pick<AlertRecord, 'id' | 'severity' | 'spoken'>, delivery: Delivery): Promise<boolean> {
    if (!this.speaks(alert, delivery)) return false;
    const outcome = await this.say(alert.spoken, alert.id);
    return outcome.played || outcome.file !== '';
  }

  /** One sentence in turn with the others, in the voice and on the device set now. */
  async say(text: string, name: string): Promise<SpeechOutcome> {
    if (this.waiting >= MAX_WAITING) throw new Error('the speaker is busy; this announcement was dropped');
    this.waiting += 1;
    const turn = this.queue.then(() => {
      const { voice, device } = this.settings();
      return this.speaker.speak(text, name, { voice, device });
    });
    this.queue = turn.catch(() => undefined);
    try {
      const outcome = await turn;
      this.failing = false;
      return outcome;
    } catch (error) {
      if (!this.failing) this.logger.error({ err: (error as Error).message }, 'speech failed; install espeak-ng for spoken alerts');
      this.failing = true;
      throw error;
    } finally {
      this.waiting -= 1;
    }
  }
}
