import 'uplot/dist/uPlot.min.css';
import './styles/app.css';
import { render } from 'preact';
import { api } from './api/client.js';
import { live } from './api/live-socket.js';
import { lastOverview } from './offline/last-overview.js';
import { registerServiceWorker } from './offline/register-service-worker.js';
import { App } from './shell/app.js';
import { startRouter } from './shell/router.js';
import { Session } from './shell/session.js';
import { alerts } from './state/alerts.js';
import { startClock } from './state/clock.js';
import { latestValues } from './state/latest-values.js';
import { applyStoredTheme } from './state/theme.js';

applyStoredTheme();
startClock();
startRouter();
const root = document.getElementById('app');
if (root !== null) {
  const session = new Session(api, live, alerts, latestValues, lastOverview);
  render(<App session={session} />, root);
  void session.start();
}
registerServiceWorker();
