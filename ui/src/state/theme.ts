import { computed, signal } from '@preact/signals';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'hearth.theme';

function storedChoice(): ThemeChoice {
  const value = localStorage.getItem(STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

const systemScheme = window.matchMedia('(prefers-color-scheme: dark)');
const systemDark = signal(systemScheme.matches);
systemScheme.addEventListener('change', () => (systemDark.value = systemScheme.matches));

/** What the person chose; "system" follows prefers-color-scheme. */
export const themeChoice = signal<ThemeChoice>(storedChoice());

/** True when the page is drawn dark, whichever way that was chosen: charts redraw when it changes. */
export const drawnDark = computed(() => (themeChoice.value === 'system' ? systemDark.value : themeChoice.value === 'dark'));

/** Applies the saved choice before the first paint. */
export function applyStoredTheme(): void {
  chooseTheme(storedChoice());
}

export function chooseTheme(choice: ThemeChoice): void {
  // The page's colours change before anything that reads them hears of it.
  if (choice === 'system') {
    delete document.documentElement.dataset['theme'];
    localStorage.removeItem(STORAGE_KEY);
  } else {
    document.documentElement.dataset['theme'] = choice;
    localStorage.setItem(STORAGE_KEY, choice);
  }
  themeChoice.value = choice;
}
