import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** axe-core's browser build, read once; evaluated in the page, so no Content-Security-Policy stands in its way. */
let axeSource: string | undefined;

export interface AccessibilityFinding {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  /** CSS selectors of the elements at fault. */
  readonly elements: readonly string[];
}

/** The impacts a page may not have: axe's serious and critical findings (WCAG 2.1 A and AA). */
const BLOCKING = new Set(['serious', 'critical']);

/** Runs axe-core on the page as it is now and returns its serious and critical findings. */
export async function blockingAccessibilityFindings(page: Page): Promise<AccessibilityFinding[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate<boolean>("typeof window.axe === 'object'"))) await page.evaluate(axeSource);
  const findings = await page.evaluate<AccessibilityFinding[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
      .then((result) => result.violations.map((v) => ({ rule: v.id, impact: v.impact ?? 'unknown', help: v.help, elements: v.nodes.map((n) => n.target.join(' ')) })))
  `);
  return findings.filter((f) => BLOCKING.has(f.impact));
}

/** One line per finding, for a failing assertion's message. */
export function describeFindings(findings: readonly AccessibilityFinding[]): string {
  return findings.map((f) => `${f.rule} (${f.impact}): ${f.help} — ${f.elements.slice(0, 3).join(', ')}`).join('\n');
}
