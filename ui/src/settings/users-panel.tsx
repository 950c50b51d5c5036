import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { PersonOverview, Role, User } from '../api/types.js';
import { Field, formValues } from '../components/field.js';
import { checkedValues, PeopleCheckboxes } from '../components/people-checkboxes.js';
import { PersonOptions } from '../components/person-options.js';
import { StatusLine } from '../components/status-line.js';
import { useRequest } from '../components/use-request.js';
import { errorText } from '../format/error-text.js';
import { forgetPeople, loadPeople, personName } from '../state/household.js';

/** What each role may do, in the words the form offers them (the hub's rules in hub/accounts/access.ts). */
const ROLES: readonly (readonly [role: Role, label: string, means: string])[] = [
  ['member', 'Member', 'Sees only their own readings and devices, and acknowledges their own alerts.'],
  ['caregiver', 'Caregiver', 'Sees the people you choose, acknowledges their alerts, and is told when nobody answers one.'],
  ['viewer', 'Viewer', 'Sees the readings of the people you choose, and changes nothing.'],
  ['owner', 'Owner', 'Sees everyone, and manages people, devices, accounts and settings.'],
];

const ROLE_WORDS: Readonly<Record<Role, string>> = { owner: 'owner', member: 'member', caregiver: 'caregiver', viewer: 'viewer' };

/** The person select's choice that asks for a new person named after the member. */
const NEW_PERSON = '+new';

/** Roles that see only the people granted to them. */
function seesGranted(role: Role): boolean {
  return role === 'caregiver' || role === 'viewer';
}

/** The household's accounts (owner only): who can sign in, with which role, and whom caregivers and viewers see. */
export function UsersPanel({ self }: { readonly self: User }) {
  const users = useRequest(() => api.get<User[]>('/users'));
  const [people, setPeople] = useState<readonly PersonOverview[]>([]);
  const [status, setStatus] = useState('');
  const [role, setRole] = useState<Role>('member');

  const refreshPeople = (): void => {
    loadPeople(0)
      .then(setPeople)
      .catch(() => undefined);
  };
  useEffect(refreshPeople, []);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const { displayName = '', username = '', password = '', personId = '' } = formValues(form);
    const grants = checkedValues(form, 'grants');
    const problem = newUserProblem({ displayName, username, password, role, personId });
    if (problem !== undefined) return setStatus(problem);
    const body = {
      displayName: displayName.trim(),
      username: username.trim(),
      password,
      role,
      ...(role === 'member' && personId === NEW_PERSON ? { newPerson: true } : {}),
      ...(role === 'member' && personId !== NEW_PERSON ? { personId } : {}),
      ...(seesGranted(role) ? { grants } : {}),
    };
    setStatus('');
    api
      .post<User>('/users', body)
      .then((user) => {
        form.reset();
        setRole('member');
        setStatus(`Account for ${user.displayName} added.`);
        if (personId === NEW_PERSON) {
          forgetPeople();
          refreshPeople();
        }
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
      <ul class="plain-list user-list">
        {users.value?.map((user) => (
          <UserRow key={user.id} user={user} self={self} people={people} onRemove={remove} onChanged={users.reload} />
        ))}
      </ul>
      <StatusLine text={status !== '' ? status : users.failure !== undefined ? errorText(users.failure) : ''} />
      <form class="stack compact" onSubmit={submit} noValidate>
        <h3>Add someone</h3>
        <Field for="new-user-name" label="Name">
          <input id="new-user-name" name="displayName" required maxLength={100} />
        </Field>
        <Field for="new-user-username" label="Username">
          <input id="new-user-username" name="username" required autocomplete="off" autocapitalize="off" spellcheck={false} maxLength={64} />
        </Field>
        <Field for="new-user-password" label="Password" hint="At least 10 characters. They can change it themselves once signed in.">
          <input id="new-user-password" name="password" type="password" required autocomplete="new-password" aria-describedby="new-user-password-hint" />
        </Field>
        <Field for="new-user-role" label="Role" hint={ROLES.find(([value]) => value === role)?.[2]}>
          <select id="new-user-role" name="role" value={role} aria-describedby="new-user-role-hint" onChange={(event) => setRole(event.currentTarget.value as Role)}>
            {ROLES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        {role === 'member' && (
          <Field for="new-user-person" label="Whose readings are theirs?">
            <select id="new-user-person" name="personId" required>
              <PersonOptions none="Choose…" people={people} />
              <option value={NEW_PERSON}>Someone new: add them to the household</option>
            </select>
          </Field>
        )}
        {seesGranted(role) && <PeopleCheckboxes name="grants" legend="They may see" people={people} idPrefix="new-user-grant" hint="You can change this later." />}
        <button type="submit">Add account</button>
      </form>
    </section>
  );
}

interface NewUser {
  readonly displayName: string;
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly personId: string;
}

/** What the form lacks, said before anything is sent. */
function newUserProblem(user: NewUser): string | undefined {
  if (user.displayName.trim() === '') return 'Give their name.';
  if (user.username.trim() === '') return 'Give them a username to sign in with.';
  if (user.password.length < 10) return 'The password must be at least 10 characters long.';
  if (user.role === 'member' && user.personId === '') return 'Choose whose readings are theirs, or add them as someone new.';
  return undefined;
}

interface UserRowProps {
  readonly user: User;
  readonly self: User;
  readonly people: readonly PersonOverview[];
  readonly onRemove: (user: User) => void;
  readonly onChanged: () => Promise<void>;
}

/** One account: its role and whom it sees; a caregiver's or viewer's people can be changed here. */
function UserRow({ user, self, people, onRemove, onChanged }: UserRowProps) {
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState('');
  const sees =
    user.role === 'owner'
      ? 'everyone'
      : user.role === 'member'
        ? user.personId !== null
          ? personName(people, user.personId)
          : 'no one yet'
        : user.grants.length > 0
          ? user.grants.map((id) => personName(people, id)).join(', ')
          : 'no one yet';
  const save = (event: SubmitEvent): void => {
    event.preventDefault();
    const grants = checkedValues(event.currentTarget as HTMLFormElement, 'grants');
    api
      .put(`/users/${encodeURIComponent(user.id)}/grants`, { grants })
      .then(async () => {
        setEditing(false);
        setStatus(`${user.displayName} now sees ${grants.length > 0 ? grants.map((id) => personName(people, id)).join(', ') : 'no one'}.`);
        await onChanged();
      })
      .catch((error: unknown) => setStatus(errorText(error)));
  };
  return (
    <li class="user-row" data-user={user.username}>
      <div class="user-line">
        <span>
          <strong>{user.displayName}</strong>
          <span class="muted">{` ${user.username} · ${ROLE_WORDS[user.role]} · sees ${sees}${user.id === self.id ? ' · you' : ''}`}</span>
        </span>
        <span class="row">
          {seesGranted(user.role) && !editing && (
            <button type="button" class="small" onClick={() => setEditing(true)}>
              Change whom they see
            </button>
          )}
          {user.id !== self.id && (
            <button type="button" class="danger small" onClick={() => onRemove(user)}>
              Remove
            </button>
          )}
        </span>
      </div>
      {editing && (
        <form class="stack grants-form" onSubmit={save}>
          <PeopleCheckboxes name="grants" legend={`${user.displayName} may see`} people={people} checked={user.grants} idPrefix={`grant-${user.id}`} />
          <div class="row">
            <button type="submit" class="primary small">
              Save
            </button>
            <button type="button" class="small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <StatusLine text={status} />
    </li>
  );
}
