import type { ComponentChildren } from 'preact';
import { Field } from '../components/field.js';

interface AuthCardProps {
  readonly title: string;
  readonly intro: string;
  readonly children: ComponentChildren;
}

/** A centred card for the screens shown before anyone is signed in. */
export function AuthCard({ title, intro, children }: AuthCardProps) {
  return (
    <main class="auth" id="main">
      <div class="auth-card">
        <p class="brand brand-large" aria-hidden="true">
          ♥ Hearth
        </p>
        <h1>{title}</h1>
        <p class="muted">{intro}</p>
        {children}
      </div>
    </main>
  );
}

interface AuthFieldProps {
  readonly name: string;
  readonly label: string;
  readonly type?: 'text' | 'password';
  readonly autocomplete: string;
  readonly minLength?: number;
  readonly hint?: string;
}

/** A required text field of the sign-in forms, its hint tied to it for screen readers. */
export function AuthField({ name, label, type = 'text', autocomplete, minLength, hint }: AuthFieldProps) {
  const id = `field-${name}`;
  const common = {
    id,
    name,
    required: true,
    autocomplete,
    minLength,
    'aria-describedby': hint !== undefined ? `${id}-hint` : undefined,
    autocapitalize: 'off',
    spellcheck: false,
  } as const;
  return (
    <Field for={id} label={label} hint={hint}>
      {type === 'password' ? <input type="password" {...common} /> : <input type="text" {...common} />}
    </Field>
  );
}
