import { chooseTheme, themeChoice, type ThemeChoice } from '../state/theme.js';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Theme: automatic', light: 'Theme: light', dark: 'Theme: dark' };
const ICON: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

/** Cycles automatic → light → dark; the choice is kept in this browser. */
export function ThemeToggle() {
  const choice = themeChoice.value;
  return (
    <button type="button" class="theme-toggle" title={`${LABEL[choice]} (change)`} aria-label={`${LABEL[choice]}. Change theme`} onClick={() => chooseTheme(NEXT[choice])}>
      {ICON[choice]}
    </button>
  );
}
