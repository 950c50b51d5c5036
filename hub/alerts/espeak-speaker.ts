import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { runCommand, type CommandRunner } from './command-runner.js';

export interface SpeechOutcome {
  /** The WAV file holding the sentence; kept even when it was played. */
  readonly file: string;
  readonly played: boolean;
}

/** How to say it: the voice, and the ALSA device to play it on ('' writes the file only). */
export interface SpeechSound {
  readonly voice: string;
  readonly device: string;
}

/** Says a sentence on the hub's own speaker; `sound` (the household's current choice) wins over the speaker's own. */
export interface Speaker {
  speak(text: string, name: string, sound?: SpeechSound): Promise<SpeechOutcome>;
}

export interface EspeakSpeakerOptions {
  /** Where WAV files go. */
  readonly dir: string;
  /** ALSA device for aplay; '' writes the file only. Used when `speak` is not told another. */
  readonly device: string;
  readonly voice: string;
  readonly logger: Logger;
  readonly run?: CommandRunner;
  /** WAV files kept; older ones are removed. */
  readonly keepFiles?: number;
}

/**
 * espeak-ng writes the sentence to a WAV file (the text goes in on stdin, so nothing in it can be
 * taken for an option), then aplay plays it on the configured device. Without a device, or when
 * playback fails (no sound card, device busy), the WAV file is the outcome and the failure is
 * logged once until playback works again.
 */
export class EspeakSpeaker implements Speaker {
  private readonly run: CommandRunner;
  private playbackFailing = false;

  constructor(private readonly options: EspeakSpeakerOptions) {
    this.run = options.run ?? runCommand;
  }

  async speak(text: string, name: string, sound: SpeechSound = this.options): Promise<SpeechOutcome> {
    const { dir, logger } = this.options;
    const { device, voice } = sound;
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}.wav`);
    await this.run('espeak-ng', ['-v', voice, '-w', file, '--stdin'], text);
    await this.prune();
    if (device === '') return { file, played: false };
    try {
      await this.run('aplay', ['-q', '-D', device, file]);
      if (this.playbackFailing) logger.info({ device }, 'speech playback works again');
      this.playbackFailing = false;
      return { file, played: true };
    } catch (error) {
      if (!this.playbackFailing) logger.warn({ device, err: (error as Error).message }, 'speech playback failed; spoken alerts are written to WAV files only');
      this.playbackFailing = true;
      return { file, played: false };
    }
  }

  private async prune(): Promise<void> {
    const keep = this.options.keepFiles ?? 50;
    const names = (await readdir(this.options.dir)).filter((n) => n.endsWith('.wav'));
    if (names.length <= keep) return;
    const dated = await Promise.all(names.map(async (n) => ({ path: join(this.options.dir, n), mtime: (await stat(join(this.options.dir, n))).mtimeMs })));
    dated.sort((a, b) => a.mtime - b.mtime);
    await Promise.all(dated.slice(0, dated.length - keep).map((f) => rm(f.path, { force: true })));
  }
}
