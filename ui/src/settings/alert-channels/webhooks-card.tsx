import { useState } from 'preact/hooks';
import type { AlertChannels, AlertSeverity, WebhookTargetShown } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { ChannelCard } from './channel-card.js';
import { SeveritySelect } from './channel-fields.js';

interface Row {
  readonly key: number;
  readonly id?: string;
  readonly url: string;
  readonly format: 'ntfy' | 'gotify';
  readonly minSeverity: AlertSeverity;
  readonly tokenSet: boolean;
  /** Typed here to set or replace the token; empty keeps the one set. */
  readonly token: string;
  readonly removeToken: boolean;
}

let nextKey = 0;
const rowOf = (target: WebhookTargetShown): Row => ({ key: nextKey++, id: target.id, url: target.url, format: target.format, minSeverity: target.minSeverity, tokenSet: target.tokenSet, token: '', removeToken: false });
const emptyRow = (): Row => ({ key: nextKey++, url: '', format: 'ntfy', minSeverity: 'warning', tokenSet: false, token: '', removeToken: false });

/** Push notifications through ntfy or Gotify: the household's addresses, each with its format, token and the alerts it takes. */
export function WebhooksCard({ channels, onSaved }: { readonly channels: AlertChannels; readonly onSaved: (channels: AlertChannels) => void }) {
  const [rows, setRows] = useState<readonly Row[]>(() => channels.webhooks.targets.map(rowOf));
  const edit = (key: number, patch: Partial<Row>): void => setRows((all) => all.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const change = () => {
    const filled = rows.filter((row) => row.url.trim() !== '' || row.id !== undefined);
    const targets = filled.map((row) => ({
      ...(row.id !== undefined ? { id: row.id } : {}),
      url: row.url.trim(),
      format: row.format,
      minSeverity: row.minSeverity,
      ...(row.removeToken ? { token: null } : row.token.trim() !== '' ? { token: row.token.trim() } : {}),
    }));
    return { webhooks: { targets } };
  };
  return (
    <ChannelCard section="webhooks" title="Push notifications (ntfy, Gotify)" from={channels.webhooks.from} warnings={channels.warnings.filter((w) => w.channel === 'webhook')} test={{ channel: 'webhook', label: 'Test push notifications' }} change={change} onSaved={onSaved}>
      {rows.map((row, index) => {
        const id = `push-${row.key}`;
        return (
          <fieldset key={row.key} class="choices push-target" data-target-id={row.id ?? ''}>
            <legend>Push address {index + 1}</legend>
            <Field for={`${id}-url`} label="Address" hint="An ntfy topic (https://ntfy.sh/your-topic) or a Gotify server (https://gotify.example/message).">
              <input id={`${id}-url`} type="url" inputMode="url" value={row.url} maxLength={2048} autocomplete="off" aria-describedby={`${id}-url-hint`} onInput={(e) => edit(row.key, { url: e.currentTarget.value })} />
            </Field>
            <Field for={`${id}-format`} label="Server">
              <select id={`${id}-format`} value={row.format} onChange={(e) => edit(row.key, { format: e.currentTarget.value === 'gotify' ? 'gotify' : 'ntfy' })}>
                <option value="ntfy">ntfy</option>
                <option value="gotify">Gotify</option>
              </select>
            </Field>
            <SeveritySelect id={`${id}-severity`} label="Alerts it gets" value={row.minSeverity} onChange={(minSeverity) => edit(row.key, { minSeverity })} />
            <Field for={`${id}-token`} label="Access token" hint={row.tokenSet ? 'A token is set; it is never shown. Type a new one to replace it.' : 'Optional: an ntfy access token, or the Gotify application’s token.'}>
              <input id={`${id}-token`} type="password" value={row.token} maxLength={512} autocomplete="new-password" aria-describedby={`${id}-token-hint`} disabled={row.removeToken} onInput={(e) => edit(row.key, { token: e.currentTarget.value })} />
            </Field>
            {row.tokenSet && (
              <div class="field field-inline">
                <input id={`${id}-no-token`} type="checkbox" checked={row.removeToken} onChange={(e) => edit(row.key, { removeToken: e.currentTarget.checked })} />
                <label for={`${id}-no-token`}>Remove the token</label>
              </div>
            )}
            <button type="button" class="danger" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
              Remove this address
            </button>
          </fieldset>
        );
      })}
      <button type="button" class="add-push" onClick={() => setRows((all) => [...all, emptyRow()])}>
        Add an address
      </button>
    </ChannelCard>
  );
}
