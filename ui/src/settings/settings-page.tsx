import type { PageProps } from '../apps/dashboard-app.js';
import { HubSettingsForm } from './hub-settings-form.js';
import { TokensPanel } from './tokens-panel.js';
import { UsersPanel } from './users-panel.js';

/** The hub's settings for everyone to read; accounts and API tokens for the owner. */
export function SettingsPage({ user }: PageProps) {
  const owner = user.role === 'owner';
  return (
    <section class="page">
      <h1>Settings</h1>
      {!owner && <p class="muted">Only the hub’s owner can change settings and accounts.</p>}
      <HubSettingsForm readOnly={!owner} />
      {owner && <UsersPanel self={user} />}
      {owner && <TokensPanel />}
    </section>
  );
}
