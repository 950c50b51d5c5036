import type { DashboardApp } from '../apps/dashboard-app.js';
import { lazyPage } from '../components/lazy-page.js';

const SETTINGS_PATH = '/settings';
const SettingsPage = lazyPage(() => import('./settings-page.js').then((module) => module.SettingsPage));

/** The hub's own pages, after the apps' in the navigation: settings, accounts, API tokens. */
export const settingsArea: DashboardApp = {
  name: 'Settings',
  nav: [{ path: SETTINGS_PATH, label: 'Settings' }],
  pages: [{ path: SETTINGS_PATH, page: SettingsPage, section: SETTINGS_PATH }],
};
