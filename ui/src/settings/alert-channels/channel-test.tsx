import { useState } from 'preact/hooks';
import { api } from '../../api/client.js';
import type { ChannelTestResult, TestableChannel } from '../../api/types.js';
import { errorText } from '../../format/error-text.js';

/**
 * A button that sends a clearly marked test alert through one channel, and a status line saying
 * what happened: delivered, failed and why, or no one to tell.
 */
export function ChannelTest({ channel, label }: { readonly channel: TestableChannel; readonly label: string }) {
  const [result, setResult] = useState<ChannelTestResult | undefined>(undefined);
  const [failure, setFailure] = useState('');
  const [sending, setSending] = useState(false);
  const send = (): void => {
    setSending(true);
    setResult(undefined);
    setFailure('');
    api
      .post<ChannelTestResult>('/alert-channels/test', { channel })
      .then(setResult, (error: unknown) => setFailure(errorText(error)))
      .finally(() => setSending(false));
  };
  const text = sending ? 'Sending a test…' : result !== undefined ? `Test: ${result.message}` : failure;
  return (
    <div class="channel-test" data-outcome={result?.outcome ?? ''}>
      <button type="button" onClick={send} disabled={sending}>
        {label}
      </button>
      <p class={`status test-result${result !== undefined && result.outcome !== 'delivered' ? ' test-problem' : ''}`} role="status">
        {text}
      </p>
    </div>
  );
}
