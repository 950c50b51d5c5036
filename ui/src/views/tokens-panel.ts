import { api } from '../api/client.js';
import type { ApiToken } from '../api/types.js';
import { h, replaceChildren, statusLine } from '../dom.js';
import { formatAge } from '../format/freshness.js';
import { errorText } from '../format/error-text.js';
import { labelled } from './users-panel.js';

/** API tokens for home automation and scripts (owner only); a new token is shown once. */
export function tokensPanel(): HTMLElement {
  const status = statusLine('');
  const list = h('ul', { class: 'plain-list' });
  const fresh = h('div', { class: 'new-token', hidden: true });
  const refresh = (): void => {
    api
      .get<ApiToken[]>('/tokens')
      .then((tokens) => replaceChildren(list, ...(tokens.length === 0 ? [h('li', { class: 'muted' }, 'No tokens.')] : tokens.map((t) => tokenRow(t, refresh, status)))))
      .catch((error: unknown) => (status.textContent = errorText(error)));
  };
  const name = h('input', { id: 'new-token-name', required: true, placeholder: 'Home Assistant' });
  const form = h('form', { class: 'row' }, labelled('new-token-name', 'Token name', name), h('button', { type: 'submit' }, 'Create token'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    api
      .post<ApiToken>('/tokens', { name: name.value.trim() })
      .then((token) => {
        form.reset();
        fresh.hidden = token.token === undefined;
        replaceChildren(fresh, h('p', {}, 'Copy this token now; it will not be shown again:'), h('code', { class: 'token' }, token.token ?? ''));
        refresh();
      })
      .catch((error: unknown) => (status.textContent = errorText(error)));
  });
  refresh();
  return h('section', { class: 'card', 'aria-labelledby': 'tokens-heading' }, h('h2', { id: 'tokens-heading' }, 'API tokens'), list, fresh, status, form);
}

function tokenRow(token: ApiToken, refresh: () => void, status: HTMLElement): HTMLElement {
  const revoke = h('button', { type: 'button', class: 'danger small' }, 'Revoke');
  revoke.addEventListener('click', () => {
    if (!window.confirm(`Revoke "${token.name}"? Anything using it stops working.`)) return;
    api.delete(`/tokens/${encodeURIComponent(token.id)}`).then(refresh, (e: unknown) => (status.textContent = errorText(e)));
  });
  const used = token.lastUsedAt !== undefined && token.lastUsedAt !== null ? `last used ${formatAge(token.lastUsedAt)}` : 'never used';
  return h('li', {}, h('span', {}, h('strong', {}, token.name), h('span', { class: 'muted' }, ` ${used}`)), revoke);
}
