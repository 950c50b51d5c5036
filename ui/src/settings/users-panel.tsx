import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { PersonOverview, User } from '../api/types.js';
import { Field, formValues } from '../components/field.js';
import { StatusLine } from '../components/status-line.js';
import { useRequest } from '../components/use-request.js';
import { errorText } from '../format/error-text.js';
import { loadPeople } from '../state/household.js';
import { PersonOptions } from '../components/person-options.js';

/** The household's accounts (owner only): who can sign in, with which role. */
export function UsersPanel({ self }: { readonly self: User }) {
  const users = useRequest(() => api.get<User[]>('/users'));
  const [people, setPeople] = useState<readonly PersonOverview[]>([]);
  const [status, setStatus] = useState('');

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
    const { personId, ...values } = formValues(form);
    api
      .post('/users', { ...values, ...(personId !== undefined && personId !== '' ? { personId } : {}) })
      .then(() => {
        form.reset();
        setStatus(`Account for ${values['displayName'] ?? ''} added.`);
        return users.reload();
      })
      .catch((error: unknown) => setStatus(errorText(error)));
  };
  const remove = (user: User): void => {
    if (!window.confirm(`Remove ${user.displayName}'s account? Their readings stay.`)) return;
    api.delete(`/users/${encodeURIComponent(user.id)}`).then(users.reload, (e: unknown) => setStatus(errorText(e)));
  };

  return (
    <section class="card" aria-labelledby="users-heading">
      <h2 id="users-heading">People who can sign in</h2>
      <ul class="plain-list">
        {users.value?.map((user) => (
          <li key={user.id}>
            <span>
              <strong>{user.displayName}</strong>
              <span class="muted">{` ${user.username} · ${user.role}${user.id === self.id ? ' · you' : ''}`}</span>
            </span>
            {user.id !== self.id && (
              <button type="button" class="danger small" onClick={() => remove(user)}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      <StatusLine text={status !== '' ? status : users.failure !== undefined ? errorText(users.failure) : ''} />
      <form class="stack compact" onSubmit={submit}>
        <h3>Add someone</h3>
        <Field for="new-user-name" label="Name">
          <input id="new-user-name" name="displayName" required />
        </Field>
        <Field for="new-user-username" label="Username">
          <input id="new-user-username" name="username" required autocomplete="off" />
        </Field>
        <Field for="new-user-password" label="Password">
          <input id="new-user-password" name="password" type="password" required minLength={10} autocomplete="new-password" />
        </Field>
        <Field for="new-user-role" label="Role">
          <select id="new-user-role" name="role">
            <option value="member">Member: sees everything, acknowledges alerts</option>
            <option value="viewer">Viewer: sees readings only</option>
            <option value="owner">Owner: also manages people and settings</option>
          </select>
        </Field>
        <Field for="new-user-person" label="Is this person measured?">
          <select id="new-user-person" name="personId">
            <PersonOptions none={'Not one of the people measured'} people={people} />
          </select>
        </Field>
        <button type="submit">Add account</button>
      </form>
    </section>
  );
}
