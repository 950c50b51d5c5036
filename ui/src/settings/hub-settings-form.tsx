import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { HouseholdSettings } from '../api/types.js';
import { Field, formValues } from '../components/field.js';
import { StatusLine } from '../components/status-line.js';
import { errorText } from '../format/error-text.js';
import { adoptSettings, householdSettings } from '../state/settings.js';

type Choice<K extends keyof HouseholdSettings> = readonly (readonly [value: HouseholdSettings[K], label: string])[];

const UNITS: Choice<'units'> = [
  ['metric', 'Metric: kilograms'],
  ['imperial', 'Imperial: pounds'],
];
const GLUCOSE: Choice<'glucoseUnit'> = [
  ['mg/dL', 'mg/dL'],
  ['mmol/L', 'mmol/L'],
];
const TEMPERATURE: Choice<'temperatureUnit'> = [
  ['°C', 'Celsius (°C)'],
  ['°F', 'Fahrenheit (°F)'],
];
const TIME: Choice<'timeFormat'> = [
  ['24h', '24-hour (18:30)'],
  ['12h', '12-hour (6:30 PM)'],
];

/**
 * How the household reads its values and times: units and the clock format, as choices. Saving
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
    const changes = {
      householdName,
      units: read('units'),
      glucoseUnit: read('glucoseUnit'),
      temperatureUnit: read('temperatureUnit'),
      timeFormat: read('timeFormat'),
    };
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
      <SettingChoice name="units" label="Weight" choices={UNITS} value={settings.units} readOnly={readOnly} />
      <SettingChoice name="temperatureUnit" label="Temperature" choices={TEMPERATURE} value={settings.temperatureUnit} readOnly={readOnly} />
      <SettingChoice name="glucoseUnit" label="Blood glucose" choices={GLUCOSE} value={settings.glucoseUnit} readOnly={readOnly} />
      <SettingChoice name="timeFormat" label="Time" choices={TIME} value={settings.timeFormat} readOnly={readOnly} />
      <StatusLine text={status} />
      <button type="submit" class="primary" hidden={readOnly} disabled={saving}>
        Save settings
      </button>
    </form>
  );
}

interface SettingChoiceProps<K extends keyof HouseholdSettings> {
  readonly name: K;
  readonly label: string;
  readonly choices: Choice<K>;
  readonly value: HouseholdSettings[K];
  readonly readOnly: boolean;
}

function SettingChoice<K extends keyof HouseholdSettings>({ name, label, choices, value, readOnly }: SettingChoiceProps<K>) {
  const id = `setting-${name}`;
  return (
    <Field for={id} label={label}>
      <select id={id} name={name} defaultValue={value} disabled={readOnly}>
        {choices.map(([choice, text]) => (
          <option key={choice} value={choice}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}
