import type { AlertSeverity } from '../../api/types.js';
import { Field } from '../../components/field.js';

const SEVERITIES: readonly (readonly [AlertSeverity, string])[] = [
  ['info', 'Every alert, information included'],
  ['warning', 'Warnings and critical alerts'],
  ['critical', 'Critical alerts only'],
];

export function isSeverity(value: string | undefined): value is AlertSeverity {
  return value === 'info' || value === 'warning' || value === 'critical';
}

/** Which alerts a channel takes, from the least severe. */
export function SeveritySelect({ id, name, label, value, onChange }: { readonly id: string; readonly name?: string; readonly label: string; readonly value: AlertSeverity; readonly onChange?: (value: AlertSeverity) => void }) {
  return (
    <Field for={id} label={label}>
      <select
        id={id}
        {...(name !== undefined ? { name } : {})}
        {...(onChange !== undefined ? { value, onChange: (event: Event) => onChange((event.currentTarget as HTMLSelectElement).value as AlertSeverity) } : { defaultValue: value })}
      >
        {SEVERITIES.map(([severity, text]) => (
          <option key={severity} value={severity}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A checkbox with its label beside it. */
export function Toggle({ id, name, label, checked }: { readonly id: string; readonly name: string; readonly label: string; readonly checked: boolean }) {
  return (
    <div class="field field-inline">
      <input id={id} type="checkbox" name={name} defaultChecked={checked} />
      <label for={id}>{label}</label>
    </div>
  );
}

/** Whether the form's checkbox `name` is ticked. */
export function ticked(form: HTMLFormElement, name: string): boolean {
  return (form.elements.namedItem(name) as HTMLInputElement | null)?.checked === true;
}

/** The form's text field `name`, trimmed. */
export function text(form: HTMLFormElement, name: string): string {
  return ((form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '').trim();
}
