import t from 'tap';
import { openDashboardBrowser } from './helpers/browser.js';
import { startDashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwner } from './helpers/sign-in.js';

t.test('pairing an emulated Bluetooth device from the devices page', async (t) => {
  const hub = await startDashboardHub({ config: { ble: { enabled: true, emulated: true } } });
  t.teardown(() => hub.stop());
  const browser = await openDashboardBrowser({ baseURL: hub.baseURL, phone: true });
  t.teardown(() => browser.close());
  const { page } = browser;
  await onboardOwner(page);

  await page.goto('/#/devices');
  await page.getByRole('heading', { name: 'Devices', level: 1, exact: true }).waitFor();
  await page.getByRole('button', { name: 'Look for new devices' }).click();
  await page.getByText(/Looking for devices for \d+ s more/).waitFor();
  t.ok(await page.getByRole('button', { name: 'Stop looking' }).isVisible(), 'the window can be closed early');

  // The emulated household advertises every second; the list fills in while the window is open.
  const found = page.locator('.found-list > li[data-device-id]').first();
  await found.waitFor({ timeout: 20_000 });
  const deviceId = await found.getAttribute('data-device-id');
  t.ok(deviceId !== null && deviceId !== '', `a device was found (${deviceId ?? ''})`);
  t.ok(await found.locator('.signal').isVisible(), 'its signal strength is shown');
  await browser.screenshot('pairing-found-phone');

  await found.getByLabel('Name').fill('Hall scale');
  await found.getByLabel('Belongs to').selectOption('alex');
  await found.getByRole('button', { name: 'Add' }).click();
  await page.getByText('Hall scale added.').waitFor();

  const card = page.locator(`article.device[data-device-id="${deviceId ?? ''}"]`);
  await card.waitFor();
  t.equal(await card.getByLabel('Name').inputValue(), 'Hall scale', 'the device keeps the name it was given');
  t.equal(await card.getByLabel('Belongs to').inputValue(), 'alex', 'and belongs to the person chosen');
  await browser.screenshot('devices-after-pairing-phone');

  const response = await page.request.get('/api/v1/devices');
  const devices = (await response.json()) as { id: string; name: string | null; personId: string | null }[];
  const stored = devices.find((d) => d.id === deviceId);
  t.same({ name: stored?.name, personId: stored?.personId }, { name: 'Hall scale', personId: 'alex' }, 'the hub stored the pairing');
});
