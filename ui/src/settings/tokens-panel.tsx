import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { ApiToken } from '../api/types.js';
import { Age } from '../components/age.js';
import { Field } from '../components/field.js';
import { StatusLine } from '../components/status-line.js';
import { useRequest } from '../components/use-request.js';
import { errorText } from '../format/error-text.js';

/** API tokens for home automation and scripts (owner only); a new token is shown once. */
export function TokensPanel() {
  const tokens = useRequest(() => api.get<ApiToken[]>('/tokens'));
  const [fresh, setFresh] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    api
      .post<ApiToken>('/tokens', { name })
      .then((token) => {
        form.reset();
        setFresh(token.token);
        return tokens.reload();
      })
      .catch((error: unknown) => setStatus(errorText(error)));
  };
  const revoke = (token: ApiToken): void => {
    if (!window.confirm(`Revoke "${token.name}"? Anything using it stops working.`)) return;
    api.delete(`/tokens/${encodeURIComponent(token.id)}`).then(tokens.reload, (e: unknown) => setStatus(errorText(e)));
  };

  return (
    <section class="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <ul class="plain-list">
        {tokens.value?.length === 0 && <li class="muted">No tokens.</li>}
        {tokens.value?.map((token) => (
          <li key={token.id}>
            <span>
              <strong>{token.name}</strong>
              <span class="muted">
                {' '}
                {token.lastUsedAt !== undefined && token.lastUsedAt !== null ? (
                  <>
                    last used <Age ts={token.lastUsedAt} />
                  </>
                ) : (
                  'never used'
                )}
              </span>
            </span>
            <button type="button" class="danger small" onClick={() => revoke(token)}>
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {fresh !== undefined && (
        <div class="new-token">
          <p>Copy this token now; it will not be shown again:</p>
          <code class="token">{fresh}</code>
        </div>
      )}
      <StatusLine text={status !== '' ? status : tokens.failure !== undefined ? errorText(tokens.failure) : ''} />
      <form class="row" onSubmit={submit}>
        <Field for="new-token-name" label="Token name">
          <input id="new-token-name" name="name" required placeholder="Home Assistant" />
        </Field>
        <button type="submit">Create token</button>
      </form>
    </section>
  );
}
