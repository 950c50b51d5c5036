import type { DashboardApp } from '../apps/dashboard-app.js';
import { SettingsPage } from './settings-page.js';

const SETTINGS_PATH = '/settings';

/** The hub's own pages, after the apps' in the navigation: settings, accounts, API tokens. */
export const settingsArea: DashboardApp = {
  name: 'Settings',
  nav: [{ path: SETTINGS_PATH, label: 'Settings' }],
  pages: [{ path: SETTINGS_PATH, page: SettingsPage, section: SETTINGS_PATH }],
};
