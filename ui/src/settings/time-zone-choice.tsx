import { Field } from '../components/field.js';

/** The zone this browser is in (`Europe/Berlin`): what a household most likely lives in. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every zone the browser knows, with `current` among them even when the list spells it otherwise. */
function zones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set([...known, 'UTC']);
  if (current !== '') all.add(current);
  return [...all].sort();
}

/** The household's time zone as a list to choose from; '' (none chosen yet) shows the browser's. */
export function TimeZoneChoice({ value, readOnly }: { readonly value: string; readonly readOnly: boolean }) {
  const chosen = value === '' ? browserTimeZone() : value;
  return (
    <Field for="setting-timeZone" label="Time zone" hint="Quiet hours and the times in alerts follow it.">
      <select id="setting-timeZone" name="timeZone" disabled={readOnly} aria-describedby="setting-timeZone-hint">
        {zones(chosen).map((zone) => (
          <option key={zone} value={zone} selected={zone === chosen}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
    </Field>
  );
}
