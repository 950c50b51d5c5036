import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client.js';
import type { SessionInfo } from '../api/types.js';
import { formValues } from '../components/field.js';
import { errorText } from '../format/error-text.js';
import { formatDuration } from '../format/freshness.js';
import { AuthCard, AuthField } from './auth-card.js';

/** The hub's lock-out when it names none. */
const DEFAULT_LOCK_S = 60;

export function SignInPage({ onSignedIn }: { readonly onSignedIn: (session: SessionInfo) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const unlock = useRef(0);

  useEffect(() => {
    form.current?.querySelector('input')?.focus();
    return () => window.clearTimeout(unlock.current);
  }, []);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const { username = '', password = '' } = formValues(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    api
      .post<SessionInfo>('/auth/login', { username: username.trim(), password })
      .then(onSignedIn)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 429) {
          // Locked out: the button stays off until the hub lets this browser try again.
          const ms = (e.retryAfterS ?? DEFAULT_LOCK_S) * 1000;
          setError(`Too many attempts. Try again in ${formatDuration(ms)}.`);
          unlock.current = window.setTimeout(() => setBusy(false), ms);
          return;
        }
        setBusy(false);
        setError(e instanceof ApiError && e.status === 401 ? 'That username and password do not match.' : errorText(e));
      });
  };

  return (
    <AuthCard title="Sign in" intro="Sign in to see the household’s readings.">
      <form class="stack" ref={form} onSubmit={submit}>
        <AuthField name="username" label="Username" autocomplete="username" />
        <AuthField name="password" label="Password" type="password" autocomplete="current-password" />
        <p class="form-error" role="alert">
          {error}
        </p>
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </AuthCard>
  );
}
