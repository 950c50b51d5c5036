import type { DashboardApp } from '../apps/dashboard-app.js';
import { lazyPage } from '../components/lazy-page.js';

const SETTINGS_PATH = '/settings';
/** How alerts reach people; under Settings, where the owner sets the hub up. */
export const ALERT_CHANNELS_PATH = '/settings/alert-channels';
const SettingsPage = lazyPage(() => import('./settings-page.js').then((module) => module.SettingsPage));
/** Where the DEMO badge leads. */
export const DEMO_PATH = '/settings/demo';
const DemoHouseholdPage = lazyPage(() => import('./demo-household-panel.js').then((module) => module.DemoHouseholdPage));
const AlertChannelsPage = lazyPage(() => import('./alert-channels/alert-channels-page.js').then((module) => module.AlertChannelsPage));

/** The hub's own pages, after the apps' in the navigation: settings, accounts, API tokens, alert channels, the demo household. */
export const settingsArea: DashboardApp = {
  name: 'Settings',
  nav: [{ path: SETTINGS_PATH, label: 'Settings' }],
  pages: [
    { path: SETTINGS_PATH, page: SettingsPage, section: SETTINGS_PATH },
    { path: DEMO_PATH, page: DemoHouseholdPage, section: SETTINGS_PATH },
    { path: ALERT_CHANNELS_PATH, page: AlertChannelsPage, section: SETTINGS_PATH },
  ],
};
