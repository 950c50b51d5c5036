import { computed } from '@preact/signals';
import { alerts } from '../../state/alerts.js';
import type { DashboardApp } from '../dashboard-app.js';
import { AlertsPage } from './alerts/alerts-page.js';
import { DevicePage } from './devices/device-page.js';
import { DevicesPage } from './devices/devices-page.js';
import { InsightsPage } from './insights/insights-page.js';
import { OverviewPage } from './overview/overview-page.js';
import { LogbookPage } from './logbook/logbook-page.js';
import { ALERTS_PATH, DEVICE_PATH, DEVICES_PATH, HOUSEHOLD_PATH, INSIGHTS_PATH, PERSON_LIVE_PATH, PERSON_LOGBOOK_PATH, PERSON_PATH } from './paths.js';
import { PersonPage } from './person/person-page.js';
import { WaveformPage } from './waveform/waveform-page.js';

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
