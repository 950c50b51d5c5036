import { useEffect } from 'preact/hooks';
import { api } from '../../../api/client.js';
import type { DeviceEvent, DeviceEventKind, DeviceEventsPage } from '../../../api/types.js';
import { StatusLine } from '../../../components/status-line.js';
import { useHistory } from '../../../components/use-history.js';
import { errorText } from '../../../format/error-text.js';
import { formatDateTime, formatMoment } from '../../../format/freshness.js';

/** A device's link in words. */
export const EVENT_WORDS: Readonly<Record<DeviceEventKind, string>> = {
  connected: 'Connected',
  disconnected: 'Disconnected',
  available: 'Heard again',
  unavailable: 'Gone quiet (out of range or switched off)',
};

/** A device's connections, newest first, a page at a time; `version` changing asks for the newest page again. */
export function DeviceHistory({ deviceId, version }: { readonly deviceId: string; readonly version: number }) {
  const history = useHistory<DeviceEvent>(async (before) => {
    const page = await api.get<DeviceEventsPage>(`/devices/${encodeURIComponent(deviceId)}/events`, { before, limit: 20 });
    return { items: page.events, next: page.next };
  });
  const { refresh } = history;
  useEffect(() => {
    if (version > 0) void refresh();
  }, [version, refresh]);

  const status = history.failure !== undefined ? errorText(history.failure) : history.loading ? 'Loading…' : history.items.length === 0 ? 'No connections recorded yet.' : '';
  return (
    <section class="device-history" aria-labelledby="device-history-heading">
      <h2 id="device-history-heading">Connection history</h2>
      <StatusLine text={status} />
      <ol class="history-list">
        {history.items.map((event, i) => (
          <li key={`${event.ts}-${i}`} data-kind={event.kind} data-ts={event.ts}>
            <time dateTime={new Date(event.ts).toISOString()} title={formatMoment(event.ts)}>
              {formatDateTime(event.ts)}
            </time>
            <span>{EVENT_WORDS[event.kind]}</span>
          </li>
        ))}
      </ol>
      {history.next !== null && (
        <button type="button" disabled={history.loading} onClick={() => void history.older()}>
          Older
        </button>
      )}
    </section>
  );
}
