import { h } from './dom.js';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'hearth.theme';
const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Theme: automatic', light: 'Theme: light', dark: 'Theme: dark' };

function storedChoice(): ThemeChoice {
  const value = localStorage.getItem(STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** Applies the saved choice before the first paint; "system" follows prefers-color-scheme. */
export function applyStoredTheme(): void {
  setTheme(storedChoice());
}

function setTheme(choice: ThemeChoice): void {
  if (choice === 'system') {
    delete document.documentElement.dataset['theme'];
    localStorage.removeItem(STORAGE_KEY);
  } else {
    document.documentElement.dataset['theme'] = choice;
    localStorage.setItem(STORAGE_KEY, choice);
  }
  document.dispatchEvent(new CustomEvent('hearth:theme'));
}

/** True when the page is drawn dark, whichever way that was chosen. */
export function isDark(): boolean {
  const chosen = document.documentElement.dataset['theme'];
  if (chosen !== undefined) return chosen === 'dark';
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export function themeToggle(): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'theme-toggle' });
  const render = (): void => {
    const choice = storedChoice();
    button.textContent = choice === 'dark' ? '☾' : choice === 'light' ? '☀' : '◐';
    button.title = `${LABEL[choice]} (change)`;
    button.setAttribute('aria-label', `${LABEL[choice]}. Change theme`);
  };
  button.addEventListener('click', () => {
    setTheme(NEXT[storedChoice()]);
    render();
  });
  render();
  return button;
}
