import { useRef, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { StatusLine } from '../components/status-line.js';
import { useRequest } from '../components/use-request.js';
import { errorText } from '../format/error-text.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

type Changes = Record<string, Json>;

/**
 * The hub's settings as a form built from their current values: the settings grow with the hub,
 * and a hand-written form would fall behind. Only changed values are sent back.
 */
export function HubSettingsForm({ readOnly }: { readonly readOnly: boolean }) {
  const settings = useRequest(() => api.get<Record<string, Json>>('/settings'));
  const changes = useRef<Changes>({});
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const changed = changes.current;
    if (Object.keys(changed).length === 0) {
      setStatus('Nothing changed.');
      return;
    }
    setSaving(true);
    api
      .patch('/settings', nest(changed))
      .then(() => {
        for (const key of Object.keys(changed)) delete changed[key];
        setStatus('Saved.');
      })
      .catch((error: unknown) => setStatus(errorText(error)))
      .finally(() => setSaving(false));
  };

  const shownStatus = status !== '' ? status : settings.loading ? 'Loading settings…' : settings.failure !== undefined ? errorText(settings.failure) : '';
  return (
    <form class="card stack" aria-labelledby="settings-heading" onSubmit={submit}>
      <h2 id="settings-heading">Hub settings</h2>
      <div class="settings-fields">
        {Object.entries(settings.value ?? {}).map(([key, value]) => (
          <SettingControl key={key} path={[key]} value={value} readOnly={readOnly} changes={changes.current} />
        ))}
      </div>
      <StatusLine text={shownStatus} />
      <button type="submit" class="primary" hidden={readOnly} disabled={saving}>
        Save settings
      </button>
    </form>
  );
}

interface SettingControlProps {
  readonly path: readonly string[];
  readonly value: Json;
  readonly readOnly: boolean;
  /** Where a changed value is noted by its dotted path. */
  readonly changes: Changes;
}

function SettingControl({ path, value, readOnly, changes }: SettingControlProps) {
  const key = path.join('.');
  const id = `setting-${key.replace(/[^a-z0-9]/gi, '-')}`;
  const label = humanize(path[path.length - 1] ?? key);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return (
      <fieldset>
        <legend>{label}</legend>
        {Object.entries(value).map(([k, v]) => (
          <SettingControl key={k} path={[...path, k]} value={v} readOnly={readOnly} changes={changes} />
        ))}
      </fieldset>
    );
  }
  if (typeof value === 'boolean') {
    return (
      <div class="field field-inline">
        <input id={id} type="checkbox" defaultChecked={value} disabled={readOnly} onChange={(event) => (changes[key] = event.currentTarget.checked)} />
        <label for={id}>{label}</label>
      </div>
    );
  }
  if (typeof value === 'number') {
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <input id={id} type="number" step="any" defaultValue={String(value)} disabled={readOnly} onChange={(event) => (changes[key] = Number(event.currentTarget.value))} />
      </div>
    );
  }
  if (typeof value === 'string') {
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <input id={id} defaultValue={value} disabled={readOnly} onChange={(event) => (changes[key] = event.currentTarget.value)} />
      </div>
    );
  }
  return (
    <div class="field">
      <span class="field-label">{label}</span>
      <code>{JSON.stringify(value)}</code>
    </div>
  );
}

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** {"a.b": 1} → {a: {b: 1}}: PATCH takes the same shape GET gave. */
function nest(changes: Changes): Changes {
  const result: Changes = {};
  for (const [key, value] of Object.entries(changes)) {
    const parts = key.split('.');
    let node: Changes = result;
    parts.slice(0, -1).forEach((part) => {
      const next = node[part];
      if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
      node = node[part] as Changes;
    });
    node[parts[parts.length - 1] ?? key] = value;
  }
  return result;
}
