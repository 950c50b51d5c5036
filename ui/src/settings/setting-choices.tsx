import type { HouseholdSettings } from '../api/types.js';
import { Field } from '../components/field.js';

type Choice<K extends keyof HouseholdSettings> = readonly (readonly [value: HouseholdSettings[K], label: string])[];

export const UNITS: Choice<'units'> = [
  ['metric', 'Metric: kilograms'],
  ['imperial', 'Imperial: pounds'],
];
export const GLUCOSE: Choice<'glucoseUnit'> = [
  ['mg/dL', 'mg/dL'],
  ['mmol/L', 'mmol/L'],
];
export const TEMPERATURE: Choice<'temperatureUnit'> = [
  ['°C', 'Celsius (°C)'],
  ['°F', 'Fahrenheit (°F)'],
];
export const TIME: Choice<'timeFormat'> = [
  ['24h', '24-hour (18:30)'],
  ['12h', '12-hour (6:30 PM)'],
];

interface SettingChoiceProps<K extends keyof HouseholdSettings> {
  readonly name: K;
  readonly label: string;
  readonly choices: Choice<K>;
  readonly value: HouseholdSettings[K];
  readonly readOnly: boolean;
}

/** One household setting as a list of choices, named as the settings call it (for `formValues`). */
export function SettingChoice<K extends keyof HouseholdSettings>({ name, label, choices, value, readOnly }: SettingChoiceProps<K>) {
  const id = `setting-${name}`;
  return (
    <Field for={id} label={label}>
      {/* Preact has no defaultValue for a select: the saved choice is the option marked selected. */}
      <select id={id} name={name} disabled={readOnly}>
        {choices.map(([choice, text]) => (
          <option key={choice} value={choice} selected={choice === value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Weight, temperature, blood glucose and the clock: how every value and time is shown. */
export function UnitChoices({ settings, readOnly }: { readonly settings: HouseholdSettings; readonly readOnly: boolean }) {
  return (
    <>
      <SettingChoice name="units" label="Weight" choices={UNITS} value={settings.units} readOnly={readOnly} />
      <SettingChoice name="temperatureUnit" label="Temperature" choices={TEMPERATURE} value={settings.temperatureUnit} readOnly={readOnly} />
      <SettingChoice name="glucoseUnit" label="Blood glucose" choices={GLUCOSE} value={settings.glucoseUnit} readOnly={readOnly} />
      <SettingChoice name="timeFormat" label="Time" choices={TIME} value={settings.timeFormat} readOnly={readOnly} />
    </>
  );
}

/** The unit settings of a submitted form, as `PATCH /settings` takes them. */
export function unitChanges(values: Readonly<Record<string, string>>): Partial<HouseholdSettings> {
  return {
    units: values['units'] as HouseholdSettings['units'],
    glucoseUnit: values['glucoseUnit'] as HouseholdSettings['glucoseUnit'],
    temperatureUnit: values['temperatureUnit'] as HouseholdSettings['temperatureUnit'],
    timeFormat: values['timeFormat'] as HouseholdSettings['timeFormat'],
  };
}
