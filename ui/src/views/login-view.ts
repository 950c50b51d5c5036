import { ApiError, api } from '../api/client.js';
import type { SessionInfo } from '../api/types.js';
import { h } from '../dom.js';
import { formatDuration } from '../format/freshness.js';
import { authCard, field, formValues } from './auth-form.js';
import { errorText } from '../format/error-text.js';

export function loginView(onDone: (session: SessionInfo) => void): HTMLElement {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'stack' },
    field({ name: 'username', label: 'Username', autocomplete: 'username' }),
    field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }),
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { username = '', password = '' } = formValues(form);
    submit.disabled = true;
    error.textContent = '';
    api
      .post<SessionInfo>('/auth/login', { username: username.trim(), password })
      .then(onDone)
      .catch((e: unknown) => {
        submit.disabled = false;
        if (e instanceof ApiError && e.status === 401) error.textContent = 'That username and password do not match.';
        else if (e instanceof ApiError && e.status === 429) {
          error.textContent = `Too many attempts. Try again in ${formatDuration((e.retryAfterS ?? 60) * 1000)}.`;
          lockFor(submit, (e.retryAfterS ?? 60) * 1000);
        } else error.textContent = errorText(e);
      });
  });
  return authCard('Sign in', 'Sign in to see the household’s readings.', form);
}

function lockFor(button: HTMLButtonElement, ms: number): void {
  button.disabled = true;
  window.setTimeout(() => (button.disabled = false), ms);
}
