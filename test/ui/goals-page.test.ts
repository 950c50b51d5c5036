import t from 'tap';
import { onEachScreen } from './helpers/browser.js';
import { startDashboardHub, type DashboardHub } from './helpers/dashboard-hub.js';
import { onboardOwnerOverApi, signInOwner, type OwnerSession } from './helpers/sign-in.js';
import { openFromMainNav } from './helpers/main-nav.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();
// The household keeps UTC; today's steps land halfway between midnight and now, so always today.
const todayStart = Math.floor(now / DAY) * DAY;
const ALEX = { username: 'alex', password: 'alex-walks-to-the-shop', displayName: 'Alex' };

let hub: DashboardHub;
let owner: OwnerSession;

async function asOwner(method: string, path: string, body?: unknown): Promise<Response> {
  const answer = await fetch(`${hub.baseURL}${path}`, { method, headers: { 'content-type': 'application/json', cookie: owner.cookie, 'x-csrf-token': owner.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
  return answer;
}

t.before(async () => {
  hub = await startDashboardHub({
    config: {
      simulation: { enabled: false },
      sleeporacle: { timeZone: 'UTC' },
      household: { people: [{ id: 'alex', name: 'Alex' }, { id: 'sam', name: 'Sam' }], devices: [{ id: 'pedometer-alex', name: 'Alex’s pedometer', personId: 'alex' }] },
    },
  });
  owner = await onboardOwnerOverApi(hub.baseURL);
  await asOwner('POST', '/api/v1/users', { ...ALEX, role: 'member', personId: 'alex' });
  const { token } = (await (await asOwner('POST', '/api/v1/tokens', { name: 'pedometer', scopes: ['ingest'] })).json()) as { token: string };
  // Yesterday 9,000 steps; today 8,400 so far.
  const steps = [
    ...Array.from({ length: 9 }, (_, i) => ({ metric: 'steps', value: 1000, ts: todayStart - DAY + 9 * HOUR + i * 600_000 })),
    ...Array.from({ length: 7 }, (_, i) => ({ metric: 'steps', value: 1200, ts: todayStart + Math.floor((now - todayStart) / 2) + i })),
  ];
  const sent = await fetch(`${hub.baseURL}/api/v1/ingest/pedometer-alex`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ readings: steps }) });
  if (!sent.ok) throw new Error(`steps refused: ${sent.status} ${await sent.text()}`);
});
t.teardown(() => hub.stop());

t.test('HealthQuest: a member sets a steps goal, the hub judges it from the steps it has, and the streak and calendar show it', async (t) => {
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    const login = await page.request.post('/api/v1/auth/login', { data: { username: ALEX.username, password: ALEX.password } });
    t.equal(login.status(), 200, 'alex signs in');
    await page.goto('/');
    await page.locator('article.tile[data-person="alex"]').waitFor();

    await openFromMainNav(page, '#/goals');
    await page.getByRole('heading', { name: 'Goals', level: 1, exact: true }).waitFor();
    await page.getByRole('link', { name: 'Alex’s goals' }).click();
    await page.getByRole('heading', { name: 'Alex: goals', level: 1 }).waitFor();

    const card = page.locator('article.goal[data-goal="steps"]');
    if (screen === 'desktop') {
      await page.getByText('No goals yet for Alex.').waitFor();
      await page.getByLabel('Goal', { exact: true }).selectOption('steps');
      await page.getByLabel('Steps a day').fill('8000');
      await page.getByRole('button', { name: 'Add goal' }).click();
      await page.getByText('Steps a day: added.').waitFor();
    }
    await card.waitFor();
    t.equal(await card.getAttribute('data-today'), 'met', `${screen}: 8,400 steps today meet 8,000`);
    t.equal(await card.getAttribute('data-streak'), '2', `${screen}: yesterday and today`);
    t.match((await card.textContent()) ?? '', /Met today: 8,400 steps\..*A 2-day streak\./, `${screen}: in words`);
    t.equal(await card.locator('rect[data-status="met"]').count(), 2, `${screen}: two days met on the calendar`);
    t.ok((await card.locator('rect[data-status="no_data"]').count()) > 20, `${screen}: the days before without steps are days without data, not missed ones`);
    t.equal(await card.locator('rect[data-status="missed"]').count(), 0);
    if (screen === 'desktop') {
      // The pedometer was off three days ago; Alex says he did not walk that day all the same.
      const threeDaysAgo = new Date(todayStart - 3 * DAY).toISOString().slice(0, 10);
      await card.getByText(/^Days without data in the last two weeks: \d+$/).click();
      await card.locator(`li[data-date="${threeDaysAgo}"]`).getByRole('button', { name: /^I missed it on / }).click();
      await card.locator(`rect[data-date="${threeDaysAgo}"][data-status="missed"]`).waitFor();
      t.match((await card.locator('.days-without-data summary').textContent()) ?? '', /said to be missed: 1$/, 'desktop: the day is said to be missed');
      t.equal(await card.getAttribute('data-streak'), '2', 'desktop: before the streak, it breaks nothing of it');
      await card.locator(`li[data-date="${threeDaysAgo}"]`).getByRole('button', { name: /^Take back / }).click();
      await card.locator(`rect[data-date="${threeDaysAgo}"][data-status="no_data"]`).waitFor();
    }
    t.match((await page.locator('.quest-level').textContent()) ?? '', /^Level 1: 20 points, 80 to level 2\. Badges: A first goal met\.$/, `${screen}: points, level and badges`);
    t.equal(await page.locator('.quest-avatar').getAttribute('data-level'), '1');
    await browser.check(t, 'goals-person');

    if (screen === 'phone') {
      // A new target holds from the days judged on: 10,000 is not met today.
      await card.getByRole('spinbutton', { name: 'Steps a day' }).fill('10000');
      await card.getByRole('button', { name: 'Change target' }).click();
      await page.getByText('Steps a day: the new target holds from today.').waitFor();
      await page.locator('article.goal[data-goal="steps"][data-today="missed"]').waitFor();
      t.match((await card.textContent()) ?? '', /Target: 10,000 steps a day/, 'phone: the new target');
      t.equal(await card.getAttribute('data-streak'), '1', 'phone: yesterday stays met on the target it had; today, not met yet, breaks nothing');
      t.equal(await card.locator('rect[data-status="met"]').count(), 1);
    }

    // Alex's tile on the household page carries his quest: the avatar, the streak, today's goals met.
    await page.goto('/');
    const badge = page.locator('article.tile[data-person="alex"] .quest-badge');
    await badge.waitFor();
    const [streak, met] = screen === 'desktop' ? ['2', '1'] : ['1', '0'];
    t.equal(await badge.getAttribute('data-streak'), streak, `${screen}: the tile's streak`);
    t.equal(await badge.getAttribute('data-met-today'), met, `${screen}: today's goals met, on the tile`);
    t.equal(await page.getByRole('link', { name: `Alex’s goals: level 1, a ${streak}-day streak, ${met} of 1 met today`, exact: true }).count(), 1, `${screen}: said in words`);
    await browser.check(t, 'goals-tile');
  });
});

t.test('HealthQuest: the owner starts a household challenge; a member on it sees each share of the goal and no one’s readings', async (t) => {
  let started = false;
  await onEachScreen(hub.baseURL, async (browser) => {
    const { page, screen } = browser;
    const asMember = started;
    if (!asMember) {
      await signInOwner(page);
      await page.goto('/#/goals');
      await page.getByRole('heading', { name: 'Household challenges' }).waitFor();
      await page.getByText('No household challenge yet.').waitFor();
      await page.getByLabel('Challenge', { exact: true }).selectOption('steps_together');
      await page.getByLabel('Steps in the week, together').fill('20000');
      await page.getByRole('checkbox', { name: 'Alex' }).check();
      await page.getByRole('checkbox', { name: 'Sam' }).check();
      await page.getByRole('button', { name: 'Start challenge' }).click();
      await page.getByText('Steps together this week: started.').waitFor();
      started = true;
    } else {
      const login = await page.request.post('/api/v1/auth/login', { data: { username: ALEX.username, password: ALEX.password } });
      t.equal(login.status(), 200, 'alex signs in');
      await page.goto('/#/goals');
    }
    const board = page.locator('article.challenge');
    await board.waitFor();
    // Asked once the challenges are on the page, where the owner's form would be.
    if (asMember) t.equal(await page.getByRole('button', { name: 'Start challenge' }).count(), 0, `${screen}: a member starts none`);
    t.equal(await board.getAttribute('data-status'), 'running', `${screen}: under way`);
    const shares: (string | null)[][] = [];
    for (const item of await board.locator('.challenge-shares li').all()) shares.push([await item.getAttribute('data-person'), await item.getAttribute('data-share')]);
    t.same(
      shares,
      [['alex', '0.4'], ['sam', '0']],
      `${screen}: Alex's 8,400 steps are 40 % of 20,000 in twentieths; Sam has none yet`,
    );
    const words = (await board.textContent()) ?? '';
    t.match(words, /20,000 steps together\. Under way/, `${screen}: the goal in words`);
    t.match(words, /42 % of the goal/, `${screen}: the household's progress`);
    t.match(words, /Alex\s*40 %/, `${screen}: Alex's share`);
    t.notMatch(words, /8,?400/, `${screen}: no step count of anyone's on the board`);
    await browser.check(t, screen === 'desktop' ? 'goals-challenge-owner' : 'goals-challenge-member');

    if (!asMember) {
      // The owner sets Sam a weight goal: judged on the days Sam weighs, and Sam has no scale yet.
      await page.goto('/#/goals/sam');
      await page.getByRole('heading', { name: 'Sam: goals', level: 1 }).waitFor();
      await page.getByLabel('Goal', { exact: true }).selectOption('weight_trend');
      await page.getByLabel('Target weight (kg)').fill('72.5');
      await page.getByRole('button', { name: 'Add goal' }).click();
      const weight = page.locator('article.goal[data-goal="weight_trend"]');
      await weight.waitFor();
      t.match((await weight.textContent()) ?? '', /Target: toward 72\.5 kg: a week's average within 0\.5 kg of it, or closer to it than the week before/, 'a weight goal in words');
      t.match((await weight.textContent()) ?? '', /Nothing measured for it yet today\./, 'no weighing, no data: not a missed day');
      t.equal(await weight.locator('rect[data-status="missed"]').count(), 0);
    }
  });
});
