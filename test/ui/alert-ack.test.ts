import t from 'tap';
import { waitFor } from '../helpers/hub-process.js';
import { openDashboardBrowser } from './helpers/browser.js';
import { OWNER, startDashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwner } from './helpers/sign-in.js';

/** A household rule every simulated heart beat crosses: an alert is raised within seconds. */
const ALERT_CONFIG = {
  alerts: {
    rules: {
      heart_rate_watch: { kind: 'threshold', metric: 'heart_rate', above: 25, forSeconds: 0, severity: 'critical', enabled: true },
    },
  },
};

t.test('a critical alert shows on every page until someone acknowledges it', async (t) => {
  const hub = await startDashboardHub({ config: ALERT_CONFIG });
  t.teardown(() => hub.stop());
  const browser = await openDashboardBrowser({ baseURL: hub.baseURL, phone: true });
  t.teardown(() => browser.close());
  const { page } = browser;
  await onboardOwner(page);

  await page.goto('/');
  const banner = page.locator('.banner-alert.severity-critical').first();
  await banner.waitFor({ timeout: 20_000 });
  t.match(await page.title(), /^\(\d+\) Alert/, 'the page title flags the alert (visible in a background tab)');
  await browser.screenshot('alert-banner-phone');

  await page.goto('/#/alerts');
  const card = page.locator('article.alert-card[data-state="raised"], article.alert-card[data-state="notified"]').first();
  await card.waitFor();
  const alertId = await card.getAttribute('data-alert-id');
  t.ok(alertId !== null, 'the open alert is listed');
  await card.getByRole('button', { name: 'Acknowledge' }).click();

  const acknowledged = page.locator(`article.alert-card[data-alert-id="${alertId ?? ''}"][data-state="acknowledged"]`);
  await acknowledged.waitFor();
  t.match(await acknowledged.locator('.alert-state').textContent(), new RegExp(`Acknowledged by ${OWNER.displayName}`), 'it says who acknowledged it');
  t.equal(await acknowledged.getByRole('button', { name: 'Acknowledge' }).count(), 0, 'it cannot be acknowledged twice');
  await browser.screenshot('alerts-acknowledged-phone');

  const stored = await waitFor('the hub to record the acknowledgement', async () => {
    const response = await page.request.get('/api/v1/alerts?state=all');
    const alerts = (await response.json()) as { id: string; state: string }[];
    return alerts.find((a) => a.id === alertId && a.state === 'acknowledged');
  });
  t.ok(stored, 'the hub has the alert as acknowledged');
});
