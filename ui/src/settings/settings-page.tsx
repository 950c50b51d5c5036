import { href, type PageProps } from '../apps/dashboard-app.js';
import { HubSettingsForm } from './hub-settings-form.js';
import { PasswordPanel } from './password-panel.js';
import { TokensPanel } from './tokens-panel.js';
import { UsersPanel } from './users-panel.js';

/** The household's settings for everyone to read, each person's own password; accounts and API tokens for the owner. */
export function SettingsPage({ user }: PageProps) {
  const owner = user.role === 'owner';
  return (
    <section class="page">
      <h1>Settings</h1>
      {!owner && <p class="muted">Only the hub’s owner can change the household’s settings and accounts.</p>}
      <HubSettingsForm readOnly={!owner} />
      {owner && (
        <section class="card" aria-labelledby="alert-channels-link-heading">
          <h2 id="alert-channels-link-heading">Alert channels</h2>
          <p>
            How alerts reach people beyond this dashboard: the hub’s speaker, push notifications, home automation and caregivers. <a href={href('/settings/alert-channels')}>Set up alert channels</a>
          </p>
        </section>
      )}
      <PasswordPanel user={user} />
      {owner && <UsersPanel self={user} />}
      {owner && <TokensPanel />}
    </section>
  );
}
