import { h } from '../dom.js';

export interface Field {
  readonly name: string;
  readonly label: string;
  readonly type?: string;
  readonly autocomplete?: string;
  readonly minLength?: number;
  readonly hint?: string;
}

/** A labelled input with its hint tied to it for screen readers. */
export function field(spec: Field): HTMLDivElement {
  const id = `field-${spec.name}`;
  const hintId = spec.hint !== undefined ? `${id}-hint` : undefined;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, spec.label),
    h('input', {
      id,
      name: spec.name,
      type: spec.type ?? 'text',
      required: true,
      autocomplete: spec.autocomplete,
      minlength: spec.minLength,
      'aria-describedby': hintId,
      autocapitalize: 'off',
      spellcheck: 'false',
    }),
    hintId !== undefined ? h('small', { id: hintId, class: 'hint' }, spec.hint) : null,
  );
}

/** A centred card for the screens shown before anyone is signed in. */
export function authCard(title: string, intro: string, form: HTMLFormElement): HTMLElement {
  return h(
    'main',
    { class: 'auth', id: 'main' },
    h('div', { class: 'auth-card' }, h('p', { class: 'brand brand-large', 'aria-hidden': 'true' }, '♥ Hearth'), h('h1', {}, title), h('p', { class: 'muted' }, intro), form),
  );
}

export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => (values[key] = typeof value === 'string' ? value : ''));
  return values;
}
