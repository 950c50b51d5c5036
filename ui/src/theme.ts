import { h } from './dom.js';
import { chooseTheme, themeChoice, type ThemeChoice } from './state/theme.js';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Theme: automatic', light: 'Theme: light', dark: 'Theme: dark' };

export function themeToggle(): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'theme-toggle' });
  const render = (): void => {
    const choice = themeChoice.value;
    button.textContent = choice === 'dark' ? '☾' : choice === 'light' ? '☀' : '◐';
    button.title = `${LABEL[choice]} (change)`;
    button.setAttribute('aria-label', `${LABEL[choice]}. Change theme`);
  };
  button.addEventListener('click', () => {
    chooseTheme(NEXT[themeChoice.value]);
    render();
  });
  render();
  return button;
}
