import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../api/client.js';
import type { AlertChannels, AlertChannelsChange, ChannelWarning, TestableChannel } from '../../api/types.js';
import { StatusLine } from '../../components/status-line.js';
import { errorText } from '../../format/error-text.js';
import { ChannelTest } from './channel-test.js';

export type ChannelSection = keyof AlertChannelsChange;

export interface ChannelCardProps {
  readonly section: ChannelSection;
  readonly title: string;
  readonly from: 'file' | 'household';
  /** What keeps this channel from telling anyone, in words. */
  readonly warnings: readonly ChannelWarning[];
  readonly test?: { readonly channel: TestableChannel; readonly label: string };
  /** The section as the form holds it, or a sentence saying what to correct first. */
  readonly change: (form: HTMLFormElement) => AlertChannelsChange | string;
  readonly onSaved: (channels: AlertChannels) => void;
  readonly children: ComponentChildren;
}

/**
 * One channel's form: its warnings, its fields, Save (applied to the next alert), the way back to
 * the config file's settings once the household has its own, and its test.
 */
export function ChannelCard({ section, title, from, warnings, test, change, onSaved, children }: ChannelCardProps) {
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  const save = (body: AlertChannelsChange, done: string): void => {
    setSaving(true);
    setStatus('');
    api
      .put<AlertChannels>('/alert-channels', body)
      .then((saved) => {
        onSaved(saved);
        setStatus(done);
      })
      .catch((error: unknown) => setStatus(errorText(error)))
      .finally(() => setSaving(false));
  };
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const body = change(event.currentTarget as HTMLFormElement);
    if (typeof body === 'string') setStatus(body);
    else save(body, 'Saved. It applies from the next alert.');
  };
  const heading = `channel-${section}-heading`;
  return (
    <form class="card stack channel-card" data-section={section} aria-labelledby={heading} onSubmit={submit} noValidate>
      <h2 id={heading}>{title}</h2>
      <p class="muted small-print">{from === 'household' ? 'Set up here: this wins over the hub’s config file.' : 'As the hub’s config file says, until you save here.'}</p>
      {warnings.length > 0 && (
        <ul class="notice notice-warning channel-warnings">
          {warnings.map((w) => (
            <li key={w.message} class="channel-warning" data-channel={w.channel}>
              {w.message}
            </li>
          ))}
        </ul>
      )}
      {children}
      <StatusLine text={status} />
      <div class="channel-actions">
        <button type="submit" class="primary" disabled={saving}>
          Save
        </button>
        {from === 'household' && (
          <button type="button" class="link-button" disabled={saving} onClick={() => save({ [section]: null }, 'Back to the config file’s settings.')}>
            Use the config file’s settings
          </button>
        )}
      </div>
      {test !== undefined && <ChannelTest channel={test.channel} label={test.label} />}
    </form>
  );
}
