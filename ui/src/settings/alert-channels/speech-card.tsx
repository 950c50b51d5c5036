import type { AlertChannels } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { ChannelCard } from './channel-card.js';
import { isSeverity, SeveritySelect, text, ticked, Toggle } from './channel-fields.js';

interface CardProps {
  readonly channels: AlertChannels;
  readonly onSaved: (channels: AlertChannels) => void;
}

/** The hub's own speaker: on or off, its voice, the sound device it plays on, and which alerts it says. */
export function SpeechCard({ channels, onSaved }: CardProps) {
  const { speech } = channels;
  const change = (form: HTMLFormElement) => {
    const minSeverity = text(form, 'minSeverity');
    const voice = text(form, 'voice');
    if (voice === '') return 'Choose a voice, such as en.';
    return { speech: { enabled: ticked(form, 'enabled'), voice, device: text(form, 'device'), minSeverity: isSeverity(minSeverity) ? minSeverity : speech.minSeverity } };
  };
  return (
    <ChannelCard section="speech" title="The hub’s speaker" from={speech.from} warnings={channels.warnings.filter((w) => w.channel === 'speech')} test={{ channel: 'speech', label: 'Test the speaker' }} change={change} onSaved={onSaved}>
      <Toggle id="speech-enabled" name="enabled" label="Say alerts aloud on the hub’s speaker" checked={speech.enabled} />
      <Field for="speech-device" label="Sound device" hint="The ALSA name of the speaker, such as plughw:1,0 (aplay -l lists them). Empty: alerts are only saved as sound files.">
        <input id="speech-device" name="device" defaultValue={speech.device} maxLength={128} autocomplete="off" aria-describedby="speech-device-hint" />
      </Field>
      <Field for="speech-voice" label="Voice" hint="An espeak-ng voice: en, en-gb, en-us, de, fr, es…">
        <input id="speech-voice" name="voice" defaultValue={speech.voice} maxLength={32} autocomplete="off" aria-describedby="speech-voice-hint" />
      </Field>
      <SeveritySelect id="speech-severity" name="minSeverity" label="Alerts it says" value={speech.minSeverity} />
    </ChannelCard>
  );
}

/** Quiet hours: when alerts that can wait are held back from the loud channels. */
export function QuietHoursCard({ channels, onSaved }: CardProps) {
  const quiet = channels.quietHours;
  const change = (form: HTMLFormElement) => {
    const start = text(form, 'start');
    const end = text(form, 'end');
    if (start === '' || end === '') return 'Give the time quiet hours start and the time they end.';
    const hold = (['info', 'warning'] as const).filter((severity) => ticked(form, `hold-${severity}`));
    return { quietHours: { enabled: ticked(form, 'enabled'), start, end, hold } };
  };
  const zone = quiet.timeZone === '' ? 'the hub’s own time zone' : quiet.timeZone;
  return (
    <ChannelCard section="quietHours" title="Quiet hours" from={quiet.from} warnings={[]} change={change} onSaved={onSaved}>
      <Toggle id="quiet-enabled" name="enabled" label="Hold back alerts that can wait during quiet hours" checked={quiet.enabled} />
      <div class="channel-times">
        <Field for="quiet-start" label="From">
          <input id="quiet-start" name="start" type="time" defaultValue={quiet.start} />
        </Field>
        <Field for="quiet-end" label="Until">
          <input id="quiet-end" name="end" type="time" defaultValue={quiet.end} />
        </Field>
      </div>
      <fieldset class="choices">
        <legend>Held back until they end</legend>
        <Toggle id="quiet-hold-info" name="hold-info" label="Information" checked={quiet.hold.includes('info')} />
        <Toggle id="quiet-hold-warning" name="hold-warning" label="Warnings" checked={quiet.hold.includes('warning')} />
        <p class="hint">Critical alerts are never held. Times are in {zone}. The dashboard shows held alerts at once.</p>
      </fieldset>
    </ChannelCard>
  );
}
