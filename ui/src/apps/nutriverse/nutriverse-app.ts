import { lazyPage } from '../../components/lazy-page.js';
import type { DashboardApp } from '../dashboard-app.js';
import { FOOD_PATH } from './food-paths.js';

const FoodPage = lazyPage(() => import('./food-page.js').then((module) => module.FoodPage));

/** What goes in: the food composition table, searched as someone types (the journal comes on it). */
export const nutriVerse: DashboardApp = {
  name: 'NutriVerse',
  nav: [{ path: FOOD_PATH, label: 'Food' }],
  pages: [{ path: FOOD_PATH, page: FoodPage, section: FOOD_PATH }],
};
