import { h } from '../dom.js';
import { settingsForm } from './settings-form.js';
import { tokensPanel } from './tokens-panel.js';
import { usersPanel } from './users-panel.js';
import type { View, ViewContext } from './view.js';

export function settingsView({ user }: ViewContext): View {
  const owner = user.role === 'owner';
  return {
    element: h(
      'section',
      { class: 'page' },
      h('h1', {}, 'Settings'),
      owner ? null : h('p', { class: 'muted' }, 'Only the hub’s owner can change settings and accounts.'),
      settingsForm(!owner),
      owner ? usersPanel(user) : null,
      owner ? tokensPanel() : null,
    ),
  };
}
