import t from 'tap';
import { waitFor } from '../helpers/hub-process.js';
import { onEachScreen, type DashboardBrowser } from './helpers/browser.js';
import { startDashboardHub, type DashboardHub } from './helpers/dashboard-hub.js';
import { inPage, onboardOwnerOverApi, signInOwner } from './helpers/sign-in.js';

/** How many pixels of a strip's canvas something was drawn on. */
function drawnPixels(browser: DashboardBrowser, metric: string): Promise<number> {
  return inPage<number>(
    browser.page,
    `(() => {
      const canvas = document.querySelector('figure.waveform[data-metric="${metric}"] canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let drawn = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) drawn++;
      return drawn;
    })()`,
  );
}

/** An attribute of every element a selector finds, in page order. */
function attributes(browser: DashboardBrowser, selector: string, name: string): Promise<string[]> {
  return inPage<string[]>(browser.page, `[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.getAttribute(${JSON.stringify(name)}) ?? '')`);
}

let hub: DashboardHub;
t.before(async () => {
  hub = await startDashboardHub();
  // The owner exists before any test signs in, so each test stands on its own.
  const owner = await onboardOwnerOverApi(hub.baseURL);
  await modelScoreForAlex(hub.baseURL, owner.cookie, owner.csrfToken);
});

/**
 * What the AF model writes after minutes of heart beats, written at once through an integration
 * token: an AF probability of 0.02 from Alex's chest strap.
 */
async function modelScoreForAlex(baseURL: string, sessionCookie: string, csrfToken: string): Promise<void> {
  const headers = { 'content-type': 'application/json', cookie: sessionCookie, 'x-csrf-token': csrfToken };
  const token = await fetch(`${baseURL}/api/v1/tokens`, { method: 'POST', headers, body: JSON.stringify({ name: 'model score', scopes: ['ingest'] }) });
  if (!token.ok) throw new Error(`token refused: ${token.status} ${await token.text()}`);
  const { token: bearer } = (await token.json()) as { token: string };
  const sent = await fetch(`${baseURL}/api/v1/ingest/${encodeURIComponent('sim:strap-alex')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ readings: [{ metric: 'af_probability', value: 0.02 }] }),
  });
  if (!sent.ok) throw new Error(`ingest refused: ${sent.status} ${await sent.text()}`);
}
t.teardown(() => hub.stop());

t.test('the simulated household: a DEMO badge on every page, a live ECG and pleth strip, devices by name', async (t) => {
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);

    await page.goto('/');
    await page.locator('article.tile[data-person="alex"]').waitFor();
    const badge = page.locator('.demo-badge');
    await badge.waitFor();
    t.match(await badge.textContent(), /^DEMO/, `${screen}: the household says it is simulated`);
    await browser.check(t, 'demo-household');

    await page.goto('/#/people/alex/live');
    await page.getByRole('heading', { name: 'Alex: live waveforms', level: 1 }).waitFor();
    for (const metric of ['ecg', 'pleth']) {
      const strip = page.locator(`figure.waveform[data-metric="${metric}"]`);
      await waitFor(`Alex's ${metric} strip to draw`, async () => (Number(await strip.getAttribute('data-end')) > 0 ? true : undefined), 20_000);
      t.ok(await strip.isVisible(), `${screen}: the ${metric} strip shows`);
      // The canvas redraws each frame: once blocks are in, the trace is on it.
      const pixels = await waitFor(`a ${metric} trace on the canvas`, async () => {
        const drawn = await drawnPixels(browser, metric);
        return drawn > 500 ? drawn : undefined;
      });
      t.ok(pixels > 500, `${screen}: a ${metric} trace is drawn`);
    }
    t.notMatch(await page.locator('main').textContent(), /not iterable|No ECG or pleth/, `${screen}: no error, no "nothing to show"`);
    t.equal(await badge.count(), 1, `${screen}: the DEMO badge stays on the live page`);
    await browser.check(t, 'live-waveforms');

    await page.goto('/#/devices');
    const cards = page.locator('article.device');
    await cards.first().waitFor();
    const ids = await attributes(browser, 'article.device', 'data-device-id');
    t.ok(ids.length >= 6, `${screen}: the household's devices are listed`);
    t.notOk(ids.some((id) => id.startsWith('hub:')), `${screen}: the models' outputs are no device`);
    const names = await attributes(browser, 'article.device', 'aria-label');
    t.notOk(names.some((name) => /sim:|hub:|strap-alex/.test(name)), `${screen}: devices go by names, not ids (${names.join(', ')})`);
    t.notMatch(await page.locator('main').textContent(), /sim:|hub:inference/, `${screen}: no raw id anywhere on the page`);
    const strap = page.getByRole('article', { name: "Alex's chest strap" });
    await waitFor('a last reading shown as an age', async () => (/just now|\d+ s ago|\d+ min ago/.test((await strap.locator('.last-reading').textContent()) ?? '') ? true : undefined));
    t.match(await strap.locator('.last-reading').textContent(), /just now|\d+ s ago|\d+ min ago/, `${screen}: last reading is when it last measured`);
    await browser.check(t, 'devices-named');
  });
});

t.test('a model’s score is no vital of the person: Insights says it in words', async (t) => {
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    await signInOwner(page);
    await page.goto('/#/people/alex');
    await page.locator('.vital[data-metric="heart_rate"]').first().waitFor();
    const metrics = await attributes(browser, '.vital[data-metric]', 'data-metric');
    t.notOk(metrics.some((m) => /probability|score|sleep_state/.test(m)), `${screen}: no model score among Alex's vitals (${metrics.join(', ')})`);
    t.notMatch(await page.locator('main').textContent(), /Atrial fibrillation probability|AF probability/, `${screen}: no "AF probability 0.02"`);
    await browser.check(t, 'person-vitals');

    await page.goto('/#/insights');
    const words = page.locator('.model-readings li[data-person="alex"][data-metric="af_probability"]');
    await words.waitFor();
    // The hub's own AF model scores Alex's beats too, so the newest score is whatever the hub holds:
    // read before and after the page's text, one of them is the score the sentence says.
    const before = await latestAfScore(page);
    const text = (await words.textContent()) ?? '';
    const after = await latestAfScore(page);
    const sentences = [before, after].map(afSentence);
    t.ok(sentences.some((sentence) => text.startsWith(`Alex: ${sentence}`)), `${screen}: Insights says what the score means ("${text}" against ${sentences.join(' | ')})`);
    await browser.check(t, 'insights-model-readings');
  });
});

async function latestAfScore(page: DashboardBrowser['page']): Promise<number> {
  const response = await page.request.get('/api/v1/people');
  const people = (await response.json()) as { id: string; latest: Record<string, { value: number }> }[];
  const score = people.find((p) => p.id === 'alex')?.latest['af_probability']?.value;
  if (score === undefined) throw new Error('the hub holds no AF score for Alex');
  return score;
}

/** What the Insights card should say for a score: the likelihood as a whole percentage, likely from the model's threshold (0.5), unlikely below half of it. */
function afSentence(score: number): string {
  const verdict = score >= 0.5 ? 'likely' : score < 0.25 ? 'unlikely' : 'uncertain';
  return `Irregular rhythm (atrial fibrillation): ${verdict} (${Math.round(score * 100)} %) — from the intervals between 60 heartbeats, at `;
}
