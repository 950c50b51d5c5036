import type { Page } from 'playwright-core';
import { OWNER } from './dashboard-hub.js';

/**
 * Creates the owner through the API from inside the page's browser context, so the session
 * cookie lands in the browser as it would after the onboarding form (tested on its own).
 */
export async function onboardOwner(page: Page): Promise<void> {
  const response = await page.request.post('/api/v1/onboarding', { data: OWNER });
  if (!response.ok()) throw new Error(`onboarding failed: ${response.status()} ${await response.text()}`);
}

/** Signs the owner in from another browser (the household's second phone). */
export async function signInOwner(page: Page): Promise<void> {
  const response = await page.request.post('/api/v1/auth/login', { data: { username: OWNER.username, password: OWNER.password } });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
}

/** Evaluates an expression in the page (a string: the tests compile without the DOM library). */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

/** The owner's session from outside any browser, made over the API before a test's pages open. */
export interface OwnerSession {
  readonly cookie: string;
  readonly csrfToken: string;
}

/** Creates the owner over the API (each test then signs in its own browsers); throws if the hub refuses. */
export async function onboardOwnerOverApi(baseURL: string): Promise<OwnerSession> {
  const made = await fetch(`${baseURL}/api/v1/onboarding`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
  if (made.status !== 201) throw new Error(`onboarding failed: ${made.status} ${await made.text()}`);
  const { csrfToken } = (await made.json()) as { csrfToken: string };
  const cookie = made.headers.getSetCookie().find((c) => c.startsWith('hearth_session='))?.split(';')[0];
  if (cookie === undefined) throw new Error('onboarding set no session cookie');
  return { cookie, csrfToken };
}
