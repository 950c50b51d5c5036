import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { HouseholdSettings } from '../api/types.js';
import { Field, formValues } from '../components/field.js';
import { StatusLine } from '../components/status-line.js';
import { errorText } from '../format/error-text.js';
import { adoptSettings, householdSettings } from '../state/settings.js';
import { UnitChoices, unitChanges } from './setting-choices.js';
import { TimeZoneChoice } from './time-zone-choice.js';

/**
 * How the household reads its values and times: units, the clock format and the time zone, as choices. Saving
 * applies them at once to every value and time on screen; only the owner changes them.
 */
export function HubSettingsForm({ readOnly }: { readonly readOnly: boolean }) {
  const settings = householdSettings.value;
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const values = formValues(event.currentTarget as HTMLFormElement);
    const read = (key: keyof HouseholdSettings): string => values[key] ?? '';
    const householdName = read('householdName').trim();
    if (householdName === '') {
      setStatus('Give the household a name.');
      return;
    }
    const changes = { householdName, ...unitChanges(values), timeZone: read('timeZone') };
    setSaving(true);
    setStatus('');
    api
      .patch<HouseholdSettings>('/settings', changes)
      .then((saved) => {
        adoptSettings(saved);
        setStatus('Saved. Values and times now show this way everywhere.');
      })
      .catch((error: unknown) => setStatus(errorText(error)))
      .finally(() => setSaving(false));
  };

  return (
    // Keyed by the settings: a form drawn before they arrived shows them once they do.
    <form key={JSON.stringify(settings)} class="card stack compact" aria-labelledby="settings-heading" onSubmit={submit}>
      <h2 id="settings-heading">Household</h2>
      <Field for="setting-household-name" label="Household name">
        <input id="setting-household-name" name="householdName" defaultValue={settings.householdName} disabled={readOnly} required maxLength={100} />
      </Field>
      <UnitChoices settings={settings} readOnly={readOnly} />
      <TimeZoneChoice value={settings.timeZone} readOnly={readOnly} />
      <StatusLine text={status} />
      <button type="submit" class="primary" hidden={readOnly} disabled={saving}>
        Save settings
      </button>
    </form>
  );
}
