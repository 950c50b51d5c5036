import { lazyPage } from '../../components/lazy-page.js';
import type { DashboardApp } from '../dashboard-app.js';
import { SLEEP_PATH, SLEEP_PERSON_PATH } from './sleep-paths.js';

const SleepHouseholdPage = lazyPage(() => import('./sleep-household-page.js').then((module) => module.SleepHouseholdPage));
const SleepPage = lazyPage(() => import('./sleep-page.js').then((module) => module.SleepPage));

/** The household's nights: sleep sessions, overnight oxygen and a score whose parts are shown. */
export const sleepOracle: DashboardApp = {
  name: 'SleepOracle',
  nav: [{ path: SLEEP_PATH, label: 'Sleep' }],
  pages: [
    { path: SLEEP_PATH, page: SleepHouseholdPage, section: SLEEP_PATH },
    { path: SLEEP_PERSON_PATH, page: SleepPage, section: SLEEP_PATH },
  ],
};
