import { lazyPage } from '../../components/lazy-page.js';
import type { DashboardApp } from '../dashboard-app.js';
import { GOALS_PATH, GOALS_PERSON_PATH } from './goal-paths.js';
import { QuestTileBadge } from './quest-tile-badge.js';

const GoalsHouseholdPage = lazyPage(() => import('./goals-household-page.js').then((module) => module.GoalsHouseholdPage));
const GoalsPage = lazyPage(() => import('./goals-page.js').then((module) => module.GoalsPage));

/** Goals judged from the household's own readings: streaks, points and levels. */
export const healthQuest: DashboardApp = {
  name: 'HealthQuest',
  nav: [{ path: GOALS_PATH, label: 'Goals' }],
  pages: [
    { path: GOALS_PATH, page: GoalsHouseholdPage, section: GOALS_PATH },
    { path: GOALS_PERSON_PATH, page: GoalsPage, section: GOALS_PATH },
  ],
  tileBadge: QuestTileBadge,
};
