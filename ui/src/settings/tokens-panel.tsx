import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { ApiToken, PersonOverview, TokenScope } from '../api/types.js';
import { Age } from '../components/age.js';
import { Field } from '../components/field.js';
import { checkedValues, PeopleCheckboxes } from '../components/people-checkboxes.js';
import { StatusLine } from '../components/status-line.js';
import { useRequest } from '../components/use-request.js';
import { errorText } from '../format/error-text.js';
import { loadPeople, personName } from '../state/household.js';

/** What each scope lets a token do, in the order the form offers them. */
const SCOPES: readonly (readonly [scope: TokenScope, label: string])[] = [
  ['read', 'Read readings, devices and alerts'],
  ['write', 'Acknowledge alerts and change devices'],
  ['ingest', 'Send readings in (POST /api/v1/ingest)'],
  ['admin', 'Manage accounts, tokens and settings'],
];

const SCOPE_WORDS: Readonly<Record<string, string>> = { read: 'read', write: 'write', ingest: 'send readings', admin: 'manage' };

/** API tokens for home automation and scripts (owner only): what each may do and whom it reaches; a new token is shown once. */
export function TokensPanel() {
  const tokens = useRequest(() => api.get<ApiToken[]>('/tokens'));
  const [people, setPeople] = useState<readonly PersonOverview[]>([]);
  const [fresh, setFresh] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [limited, setLimited] = useState(false);

  useEffect(() => {
    let mounted = true;
    loadPeople()
      .then((household) => mounted && setPeople(household))
      .catch(() => undefined);
    return () => {
      mounted = false;
    };
  }, []);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    const scopes = checkedValues(form, 'scopes');
    const personIds = checkedValues(form, 'personIds');
    if (name === '') return setStatus('Give the token a name, such as the program that will use it.');
    if (scopes.length === 0) return setStatus('Choose at least one thing the token may do.');
    if (limited && personIds.length === 0) return setStatus('Choose at least one person, or let the token reach everyone.');
    setStatus('');
    api
      .post<ApiToken>('/tokens', { name, scopes, ...(limited ? { personIds } : {}) })
      .then((token) => {
        form.reset();
        setLimited(false);
        setFresh(token.token);
        setStatus(`Token "${token.name}" created.`);
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
          <li key={token.id} data-token-id={token.id}>
            <span>
              <strong>{token.name}</strong>
              <span class="muted">
                {` ${token.scopes.map((s) => SCOPE_WORDS[s] ?? s).join(', ')}`}
                {token.personIds !== undefined ? ` · only ${token.personIds.map((id) => personName(people, id)).join(', ')}` : ''}
                {' · '}
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
      <form class="stack compact" onSubmit={submit} noValidate>
        <h3>New token</h3>
        <Field for="new-token-name" label="Token name">
          <input id="new-token-name" name="name" required placeholder="Home Assistant" maxLength={100} />
        </Field>
        <fieldset class="choices">
          <legend>It may</legend>
          {SCOPES.map(([scope, label]) => (
            <div key={scope} class="field field-inline">
              <input id={`new-token-scope-${scope}`} type="checkbox" name="scopes" value={scope} defaultChecked={scope === 'read'} />
              <label for={`new-token-scope-${scope}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <div class="field field-inline">
          <input id="new-token-limited" type="checkbox" checked={limited} onChange={(event) => setLimited(event.currentTarget.checked)} />
          <label for="new-token-limited">Only some people’s readings</label>
        </div>
        {limited && <PeopleCheckboxes name="personIds" legend="It reaches" people={people} idPrefix="new-token-person" />}
        <StatusLine text={status !== '' ? status : tokens.failure !== undefined ? errorText(tokens.failure) : ''} />
        <button type="submit">Create token</button>
      </form>
    </section>
  );
}
