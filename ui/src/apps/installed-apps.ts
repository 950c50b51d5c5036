import type { DashboardApp } from './dashboard-app.js';
import { healthQuest } from './healthquest/healthquest-app.js';
import { nutriVerse } from './nutriverse/nutriverse-app.js';
import { sleepOracle } from './sleeporacle/sleeporacle-app.js';
import { vitalTrack } from './vitaltrack/vitaltrack-app.js';

/** The apps the dashboard shows, in the order of their navigation entries. */
export const INSTALLED_APPS: readonly DashboardApp[] = [vitalTrack, sleepOracle, healthQuest, nutriVerse];
