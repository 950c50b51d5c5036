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
