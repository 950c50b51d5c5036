import type { Page } from 'playwright-core';

/**
 * Opens a section through the main navigation, as a person would: on a phone it may be behind
 * More. Waits for the navigation to be drawn first, since a link not drawn yet is not visible
 * either, and More exists only on a phone.
 */
export async function openFromMainNav(page: Page, sectionHref: string): Promise<void> {
  const link = page.locator(`nav[aria-label="Main"] a[href="${sectionHref}"]`);
  await link.waitFor({ state: 'attached' });
  if (!(await link.isVisible())) await page.locator('nav[aria-label="Main"]').getByRole('button', { name: 'More' }).click();
  await link.click();
}
