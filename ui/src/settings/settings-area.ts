import type { DashboardApp } from '../apps/dashboard-app.js';
import { lazyPage } from '../components/lazy-page.js';

const SETTINGS_PATH = '/settings';
/** How alerts reach people; under Settings, where the owner sets the hub up. */
export const ALERT_CHANNELS_PATH = '/settings/alert-channels';
const SettingsPage = lazyPage(() => import('./settings-page.js').then((module) => module.SettingsPage));
const AlertChannelsPage = lazyPage(() => import('./alert-channels/alert-channels-page.js').then((module) => module.AlertChannelsPage));

/** The hub's own pages, after the apps' in the navigation: settings, accounts, API tokens, alert channels. */
export const settingsArea: DashboardApp = {
  name: 'Settings',
  nav: [{ path: SETTINGS_PATH, label: 'Settings' }],
  pages: [
    { path: SETTINGS_PATH, page: SettingsPage, section: SETTINGS_PATH },
    { path: ALERT_CHANNELS_PATH, page: AlertChannelsPage, section: SETTINGS_PATH },
  ],
};
