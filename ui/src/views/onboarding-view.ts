import { api } from '../api/client.js';
import type { SessionInfo } from '../api/types.js';
import { h } from '../dom.js';
import { authCard, field, formValues } from './auth-form.js';
import { errorText } from '../format/error-text.js';

/** First run: the person who plugged the box in creates the owner account. */
export function onboardingView(onDone: (session: SessionInfo) => void): HTMLElement {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create account');
  const form = h(
    'form',
    { class: 'stack', novalidate: false },
    field({ name: 'displayName', label: 'Your name', autocomplete: 'name', hint: 'Shown to the others in the household.' }),
    field({ name: 'username', label: 'Username', autocomplete: 'username' }),
    field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', minLength: 10, hint: 'At least 10 characters.' }),
    field({ name: 'confirm', label: 'Password again', type: 'password', autocomplete: 'new-password', minLength: 10 }),
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { displayName = '', username = '', password = '', confirm = '' } = formValues(form);
    if (password !== confirm) {
      error.textContent = 'The two passwords are not the same.';
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    api
      .post<SessionInfo>('/onboarding', { username: username.trim(), password, displayName: displayName.trim() })
      .then(onDone)
      .catch((e: unknown) => {
        error.textContent = errorText(e);
        submit.disabled = false;
      });
  });
  return authCard('Welcome to Hearth', 'Create the first account. It owns this hub: it can add the rest of the household, devices and settings. Everything stays on this box.', form);
}
