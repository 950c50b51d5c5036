import { computed } from '@preact/signals';
import { lazyPage } from '../../components/lazy-page.js';
import { alerts } from '../../state/alerts.js';
import type { DashboardApp } from '../dashboard-app.js';
import { OverviewPage } from './overview/overview-page.js';
import { ALERTS_PATH, DEVICE_PATH, DEVICES_PATH, HOUSEHOLD_PATH, INSIGHTS_PATH, PERSON_LIVE_PATH, PERSON_LOGBOOK_PATH, PERSON_PATH } from './paths.js';

// The household overview is the first screen and comes with the dashboard; every other page is
// fetched when first opened.
const PersonPage = lazyPage(() => import('./person/person-page.js').then((module) => module.PersonPage));
const WaveformPage = lazyPage(() => import('./waveform/waveform-page.js').then((module) => module.WaveformPage));
const DevicesPage = lazyPage(() => import('./devices/devices-page.js').then((module) => module.DevicesPage));
const DevicePage = lazyPage(() => import('./devices/device-page.js').then((module) => module.DevicePage));
const LogbookPage = lazyPage(() => import('./logbook/logbook-page.js').then((module) => module.LogbookPage));
const AlertsPage = lazyPage(() => import('./alerts/alerts-page.js').then((module) => module.AlertsPage));
const InsightsPage = lazyPage(() => import('./insights/insights-page.js').then((module) => module.InsightsPage));

/** The household's vitals: who is how, their charts and live waveforms, devices, alerts, insights. */
export const vitalTrack: DashboardApp = {
  name: 'VitalTrack',
  nav: [
    { path: HOUSEHOLD_PATH, label: 'Household' },
    { path: ALERTS_PATH, label: 'Alerts', badge: { count: computed(() => alerts.unacknowledged.value.length), label: (count) => `${count} unacknowledged` } },
    { path: INSIGHTS_PATH, label: 'Insights' },
    { path: DEVICES_PATH, label: 'Devices' },
  ],
  pages: [
    { path: HOUSEHOLD_PATH, page: OverviewPage, section: HOUSEHOLD_PATH },
    { path: PERSON_PATH, page: PersonPage, section: HOUSEHOLD_PATH },
    { path: PERSON_LIVE_PATH, page: WaveformPage, section: HOUSEHOLD_PATH },
    { path: PERSON_LOGBOOK_PATH, page: LogbookPage, section: HOUSEHOLD_PATH },
    { path: DEVICES_PATH, page: DevicesPage, section: DEVICES_PATH },
    { path: DEVICE_PATH, page: DevicePage, section: DEVICES_PATH },
    { path: ALERTS_PATH, page: AlertsPage, section: ALERTS_PATH },
    { path: INSIGHTS_PATH, page: InsightsPage, section: INSIGHTS_PATH },
  ],
};
