import t from 'tap';
import { onEachScreen } from './helpers/browser.js';
import { startDashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwnerOverApi, signInOwner } from './helpers/sign-in.js';

t.test('pairing on a hub without a Bluetooth adapter says so, and what to do', async (t) => {
  // An adapter number no machine has (noble's NOBLE_HCI_DEVICE_ID): the hub meets what a box without
  // Bluetooth gives it, on a test machine with an adapter too.
  const hub = await startDashboardHub({ config: { ble: { enabled: true } }, env: { NOBLE_HCI_DEVICE_ID: '97' } });
  t.teardown(() => hub.stop());
  await onboardOwnerOverApi(hub.baseURL);

  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);
    await page.goto('/#/devices');
    const notice = page.locator('.notice[data-bluetooth="no_adapter"]');
    await notice.waitFor();
    const said = (await notice.textContent()) ?? '';
    t.match(said, /This hub cannot use Bluetooth: this machine has no Bluetooth adapter/, `${screen}: the page says there is no adapter`);
    t.match(said, /USB Bluetooth adapter/, `${screen}: it suggests a USB adapter`);
    t.match(said, /ESP32 Bluetooth gateway/, `${screen}: or an ESP32 gateway`);

    await page.getByRole('button', { name: 'Look for new devices' }).click();
    const status = page.locator('section.pairing .status').first();
    await page.getByRole('button', { name: 'Stop looking' }).waitFor();
    await status.filter({ hasText: /Listening for \d+ s more/ }).waitFor();
    t.match(await status.textContent(), /own Bluetooth is not working/, `${screen}: the countdown says the hub hears nothing itself`);
    t.notMatch(await page.locator('main').textContent(), /Wake the device up/, `${screen}: no "wake the device up" while nothing can hear it`);
    await browser.check(t, 'pairing-no-adapter');
    await page.getByRole('button', { name: 'Stop looking' }).click();
    await page.getByText('Stopped looking.').waitFor();
  });
});
