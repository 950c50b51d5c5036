import { api } from '../api/client.js';
import { h, statusLine } from '../dom.js';
import { errorText } from '../format/error-text.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * The hub's settings as a form built from their current values: the settings grow with the hub,
 * and a hand-written form would fall behind. Only changed values are sent back.
 */
export function settingsForm(readOnly: boolean): HTMLElement {
  const status = statusLine('Loading settings…');
  const body = h('div', { class: 'settings-fields' });
  const save = h('button', { type: 'submit', class: 'primary', hidden: readOnly }, 'Save settings');
  const form = h('form', { class: 'card stack', 'aria-labelledby': 'settings-heading' }, h('h2', { id: 'settings-heading' }, 'Hub settings'), body, status, save);
  const changes: Record<string, Json> = {};

  api
    .get<Record<string, Json>>('/settings')
    .then((settings) => {
      status.textContent = '';
      body.append(...Object.entries(settings).map(([key, value]) => control([key], value, readOnly, changes)));
    })
    .catch((error: unknown) => (status.textContent = errorText(error)));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (Object.keys(changes).length === 0) {
      status.textContent = 'Nothing changed.';
      return;
    }
    save.disabled = true;
    api
      .patch('/settings', nest(changes))
      .then(() => {
        for (const key of Object.keys(changes)) delete changes[key];
        status.textContent = 'Saved.';
      })
      .catch((error: unknown) => (status.textContent = errorText(error)))
      .finally(() => (save.disabled = false));
  });
  return form;
}

function control(path: readonly string[], value: Json, readOnly: boolean, changes: Record<string, Json>): HTMLElement {
  const key = path.join('.');
  const id = `setting-${key.replace(/[^a-z0-9]/gi, '-')}`;
  const label = humanize(path[path.length - 1] ?? key);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return h('fieldset', {}, h('legend', {}, label), ...Object.entries(value).map(([k, v]) => control([...path, k], v, readOnly, changes)));
  }
  if (typeof value === 'boolean') {
    const input = h('input', { id, type: 'checkbox', checked: value, disabled: readOnly });
    input.addEventListener('change', () => (changes[key] = input.checked));
    return h('div', { class: 'field field-inline' }, input, h('label', { for: id }, label));
  }
  if (typeof value === 'number') {
    const input = h('input', { id, type: 'number', value, step: 'any', disabled: readOnly });
    input.addEventListener('change', () => (changes[key] = Number(input.value)));
    return h('div', { class: 'field' }, h('label', { for: id }, label), input);
  }
  if (typeof value === 'string') {
    const input = h('input', { id, value, disabled: readOnly });
    input.addEventListener('change', () => (changes[key] = input.value));
    return h('div', { class: 'field' }, h('label', { for: id }, label), input);
  }
  return h('div', { class: 'field' }, h('span', { class: 'field-label' }, label), h('code', {}, JSON.stringify(value)));
}

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** {"a.b": 1} → {a: {b: 1}}: PATCH takes the same shape GET gave. */
function nest(changes: Record<string, Json>): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const [key, value] of Object.entries(changes)) {
    const parts = key.split('.');
    let node: Record<string, Json> = result;
    parts.slice(0, -1).forEach((part) => {
      const next = node[part];
      if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, Json>;
    });
    node[parts[parts.length - 1] ?? key] = value;
  }
  return result;
}
