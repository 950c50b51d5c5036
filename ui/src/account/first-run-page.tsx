import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { SessionInfo } from '../api/types.js';
import { formValues } from '../components/field.js';
import { errorText } from '../format/error-text.js';
import { AuthCard, AuthField } from './auth-card.js';

/** First run: the person who plugged the box in creates the owner account. */
export function FirstRunPage({ onSignedIn }: { readonly onSignedIn: (session: SessionInfo) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const { displayName = '', username = '', password = '', confirm = '' } = formValues(event.currentTarget as HTMLFormElement);
    if (password !== confirm) {
      setError('The two passwords are not the same.');
      return;
    }
    setBusy(true);
    setError('');
    api
      .post<SessionInfo>('/onboarding', { username: username.trim(), password, displayName: displayName.trim() })
      .then(onSignedIn)
      .catch((e: unknown) => {
        setError(errorText(e));
        setBusy(false);
      });
  };

  return (
    <AuthCard title="Welcome to Hearth" intro="Create the first account. It owns this hub: it can add the rest of the household, devices and settings. Everything stays on this box.">
      <form class="stack" onSubmit={submit}>
        <AuthField name="displayName" label="Your name" autocomplete="name" hint="Shown to the others in the household." />
        <AuthField name="username" label="Username" autocomplete="username" />
        <AuthField name="password" label="Password" type="password" autocomplete="new-password" minLength={10} hint="At least 10 characters." />
        <AuthField name="confirm" label="Password again" type="password" autocomplete="new-password" minLength={10} />
        <p class="form-error" role="alert">
          {error}
        </p>
        <button type="submit" class="primary" disabled={busy}>
          Create account
        </button>
      </form>
    </AuthCard>
  );
}
