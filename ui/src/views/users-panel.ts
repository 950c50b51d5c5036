import { api } from '../api/client.js';
import type { PersonOverview, User } from '../api/types.js';
import { h, replaceChildren, statusLine } from '../dom.js';
import { loadPeople } from '../state/household.js';
import { formValues } from './auth-form.js';
import { errorText } from '../format/error-text.js';

/** The household's accounts (owner only): who can sign in, with which role. */
export function usersPanel(self: User): HTMLElement {
  const status = statusLine('');
  const list = h('ul', { class: 'plain-list' });
  const refresh = (): void => {
    api
      .get<User[]>('/users')
      .then((users) => replaceChildren(list, ...users.map((u) => userRow(u, self, refresh, status))))
      .catch((error: unknown) => (status.textContent = errorText(error)));
  };
  const personSelect = h('select', { id: 'new-user-person', name: 'personId' }, h('option', { value: '' }, 'Not one of the people measured'));
  loadPeople()
    .then((people: readonly PersonOverview[]) => personSelect.append(...people.map((p) => h('option', { value: p.id }, p.name))))
    .catch(() => undefined);
  const form = h(
    'form',
    { class: 'stack compact' },
    h('h3', {}, 'Add someone'),
    labelled('new-user-name', 'Name', h('input', { id: 'new-user-name', name: 'displayName', required: true })),
    labelled('new-user-username', 'Username', h('input', { id: 'new-user-username', name: 'username', required: true, autocomplete: 'off' })),
    labelled('new-user-password', 'Password', h('input', { id: 'new-user-password', name: 'password', type: 'password', required: true, minlength: 10, autocomplete: 'new-password' })),
    labelled(
      'new-user-role',
      'Role',
      h('select', { id: 'new-user-role', name: 'role' }, h('option', { value: 'member' }, 'Member: sees everything, acknowledges alerts'), h('option', { value: 'viewer' }, 'Viewer: sees readings only'), h('option', { value: 'owner' }, 'Owner: also manages people and settings')),
    ),
    labelled('new-user-person', 'Is this person measured?', personSelect),
    h('button', { type: 'submit' }, 'Add account'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { personId, ...values } = formValues(form);
    api
      .post('/users', { ...values, ...(personId !== undefined && personId !== '' ? { personId } : {}) })
      .then(() => {
        form.reset();
        status.textContent = `Account for ${values['displayName'] ?? ''} added.`;
        refresh();
      })
      .catch((error: unknown) => (status.textContent = errorText(error)));
  });
  refresh();
  return h('section', { class: 'card', 'aria-labelledby': 'users-heading' }, h('h2', { id: 'users-heading' }, 'People who can sign in'), list, status, form);
}

function userRow(user: User, self: User, refresh: () => void, status: HTMLElement): HTMLElement {
  const remove = user.id === self.id ? null : h('button', { type: 'button', class: 'danger small' }, 'Remove');
  remove?.addEventListener('click', () => {
    if (!window.confirm(`Remove ${user.displayName}'s account? Their readings stay.`)) return;
    api.delete(`/users/${encodeURIComponent(user.id)}`).then(refresh, (e: unknown) => (status.textContent = errorText(e)));
  });
  return h('li', {}, h('span', {}, h('strong', {}, user.displayName), h('span', { class: 'muted' }, ` ${user.username} · ${user.role}${user.id === self.id ? ' · you' : ''}`)), remove);
}

export function labelled(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}
