import type { ComponentChildren } from 'preact';

interface FieldProps {
  /** The id of the control inside, which the label names. */
  readonly for: string;
  readonly label: string;
  readonly hint?: string;
  readonly children: ComponentChildren;
}

/** A label above its control, with an optional hint under it (the control names it in aria-describedby). */
export function Field({ for: id, label, hint, children }: FieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

/** A form's text fields by name. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => (values[key] = typeof value === 'string' ? value : ''));
  return values;
}
