import { live } from '../api/live-socket.js';
import type { User } from '../api/types.js';
import { effect } from '@preact/signals';
import { alerts } from '../state/alerts.js';
import { h } from '../dom.js';
import { href, type RouteName } from '../router.js';
import { themeToggle } from '../theme.js';
import { alertBanner } from './alert-banner.js';

export interface Shell {
  readonly element: HTMLElement;
  readonly main: HTMLElement;
  setActive(route: RouteName): void;
  dispose(): void;
}

const NAV: readonly (readonly [RouteName, string, string])[] = [
  ['overview', '/', 'Household'],
  ['alerts', '/alerts', 'Alerts'],
  ['insights', '/insights', 'Insights'],
  ['devices', '/devices', 'Devices'],
  ['settings', '/settings', 'Settings'],
];

/** The frame around every signed-in page: skip link, navigation, alert banner, connection state. */
export function createShell(user: User, onLogout: () => void): Shell {
  const links = new Map<RouteName, HTMLAnchorElement>();
  const alertBadge = h('span', { class: 'badge', hidden: true });
  const nav = h(
    'nav',
    { 'aria-label': 'Main' },
    h(
      'ul',
      {},
      ...NAV.map(([name, path, label]) => {
        const link = h('a', { href: href(path) }, label, name === 'alerts' ? alertBadge : null);
        links.set(name, link);
        return h('li', {}, link);
      }),
    ),
  );
  const connection = h('span', { class: 'connection', role: 'status', title: 'Live connection to the hub' }, 'Connecting…');
  const logout = h('button', { type: 'button', class: 'link-button' }, 'Sign out');
  logout.addEventListener('click', onLogout);
  const banner = alertBanner();
  const main = h('main', { id: 'main', tabindex: '-1' });
  const element = h(
    'div',
    { class: 'shell' },
    h('a', { class: 'skip-link', href: '#main', onclick: skipToMain }, 'Skip to content'),
    h(
      'header',
      { class: 'topbar' },
      h('a', { class: 'brand', href: href('/') }, h('span', { 'aria-hidden': 'true' }, '♥ '), 'Hearth'),
      nav,
      h('div', { class: 'topbar-tools' }, connection, themeToggle(), h('span', { class: 'user-name' }, user.displayName), logout),
    ),
    banner.element,
    main,
  );
  const showConnection = (connected: boolean): void => {
    connection.textContent = connected ? 'Live' : 'Reconnecting…';
    connection.classList.toggle('offline', !connected);
  };
  const stopConnection = live.onConnection(showConnection);
  // The socket may have opened before this frame existed (it starts while the session is checked).
  if (live.connected) showConnection(true);
  const renderBadge = (): void => {
    const count = alerts.unacknowledged.value.length;
    alertBadge.hidden = count === 0;
    alertBadge.textContent = String(count);
    alertBadge.setAttribute('aria-label', `${count} unacknowledged`);
  };
  const stopBadge = effect(renderBadge);
  return {
    element,
    main,
    setActive(route) {
      for (const [name, link] of links) {
        if (name === route || (name === 'overview' && (route === 'person' || route === 'waveform'))) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
    dispose() {
      stopConnection();
      stopBadge();
      banner.dispose();
    },
  };
}

/** The skip link moves focus rather than the hash, which holds the route. */
function skipToMain(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
