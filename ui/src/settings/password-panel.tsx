import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { SessionInfo, User } from '../api/types.js';
import { Field, formValues } from '../components/field.js';
import { StatusLine } from '../components/status-line.js';
import { errorText } from '../format/error-text.js';

const MIN_LENGTH = 10;

/** Everyone changes their own password here, saying the current one; their other sessions end. */
export function PasswordPanel({ user }: { readonly user: User }) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const { currentPassword = '', newPassword = '', confirm = '' } = formValues(form);
    if (newPassword.length < MIN_LENGTH) return setStatus(`The new password must be at least ${MIN_LENGTH} characters long.`);
    if (newPassword !== confirm) return setStatus('The two new passwords are not the same.');
    if (newPassword.trim().toLowerCase() === user.username.toLowerCase()) return setStatus('The new password must not be your username.');
    setBusy(true);
    setStatus('');
    api
      .post<SessionInfo>('/me/password', { currentPassword, newPassword })
      .then((session) => {
        // The hub ended every session of this account and gave this browser a new one.
        api.remember(session);
        form.reset();
        setStatus('Password changed. You stay signed in here; other phones and browsers must sign in again.');
      })
      .catch((error: unknown) => setStatus(errorText(error)))
      .finally(() => setBusy(false));
  };

  return (
    <section class="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Your password</h2>
      <form class="stack compact" onSubmit={submit}>
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" autocomplete="username" value={user.username} readOnly hidden />
        <Field for="current-password" label="Current password">
          <input id="current-password" name="currentPassword" type="password" required autocomplete="current-password" />
        </Field>
        <Field for="new-password" label="New password" hint={`At least ${MIN_LENGTH} characters.`}>
          <input id="new-password" name="newPassword" type="password" required autocomplete="new-password" aria-describedby="new-password-hint" />
        </Field>
        <Field for="confirm-password" label="New password again">
          <input id="confirm-password" name="confirm" type="password" required autocomplete="new-password" />
        </Field>
        <StatusLine text={status} />
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </form>
    </section>
  );
}
