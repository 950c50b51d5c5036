import { lazyPage } from '../../components/lazy-page.js';
import type { DashboardApp } from '../dashboard-app.js';
import { FOOD_PATH, FOOD_PERSON_PATH } from './food-paths.js';
import { MedicineTileBadge } from './medicine-tile-badge.js';

const FoodPage = lazyPage(() => import('./food-page.js').then((module) => module.FoodPage));
const FoodJournalPage = lazyPage(() => import('./food-journal-page.js').then((module) => module.FoodJournalPage));

/** What goes in: each person's food and drink journal and medicines, on the food composition table the hub keeps. */
export const nutriVerse: DashboardApp = {
  name: 'NutriVerse',
  nav: [{ path: FOOD_PATH, label: 'Food' }],
  pages: [
    { path: FOOD_PATH, page: FoodPage, section: FOOD_PATH },
    { path: FOOD_PERSON_PATH, page: FoodJournalPage, section: FOOD_PATH },
  ],
  tileBadge: MedicineTileBadge,
};
