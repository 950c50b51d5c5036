import t from 'tap';
import { onEachScreen } from './helpers/browser.js';
import { startDashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwnerOverApi, signInOwner } from './helpers/sign-in.js';

/** A household rule every simulated heart beat crosses; no speaker and no push address are set up. */
const ALERT_CONFIG = {
  alerts: {
    rules: {
      heart_rate_watch: { kind: 'threshold', metric: 'heart_rate', above: 25, forSeconds: 0, severity: 'critical', enabled: true },
    },
  },
};

t.test('an alert says which channel told someone and which had no one to tell; never "Sent" for nothing', async (t) => {
  const hub = await startDashboardHub({ config: ALERT_CONFIG });
  t.teardown(() => hub.stop());
  await onboardOwnerOverApi(hub.baseURL);

  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);
    await page.goto('/#/alerts');
    const card = page.locator('article.alert-card[data-state="raised"], article.alert-card[data-state="notified"]').first();
    await card.waitFor({ timeout: 20_000 });
    // The channels report after the alert is raised; the page asks again once they have.
    const speaker = card.locator('.delivery-problem[data-channel="speech"]');
    await speaker.waitFor({ timeout: 20_000 });
    const push = card.locator('.delivery-problem[data-channel="webhook"]');
    await push.waitFor();
    t.equal(await speaker.getAttribute('data-outcome'), 'no_recipient', `${screen}: the speaker had no one to tell`);
    t.match(await speaker.textContent(), /^The hub’s speaker reached no one: no speaker is set up/, `${screen}: and says why`);
    t.match(await push.textContent(), /^Push notification reached no one: no push address is set up/, `${screen}: push had no address`);
    const told = card.locator('.deliveries [data-channel="mqtt"]');
    t.match(await told.textContent(), /home automation \(MQTT\) at \d{1,2}:\d{2}/, `${screen}: MQTT told home automation, at a time`);
    const text = (await page.locator('main').textContent()) ?? '';
    t.notMatch(text, /\bSent\b/, `${screen}: no "Sent" anywhere`);
    await browser.check(t, 'alert-deliveries');
  });
});
