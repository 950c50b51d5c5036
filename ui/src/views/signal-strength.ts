import { h } from '../dom.js';

/** RSSI in dBm as four bars and words, because "-71 dBm" means nothing to most people. */
export function signalStrength(rssi: number | null | undefined): HTMLElement {
  if (rssi === null || rssi === undefined) return h('span', { class: 'muted' }, '—');
  const bars = rssi >= -60 ? 4 : rssi >= -70 ? 3 : rssi >= -80 ? 2 : 1;
  const words = ['', 'weak', 'fair', 'good', 'strong'][bars] ?? '';
  return h(
    'span',
    { class: 'signal', title: `${rssi} dBm` },
    h('span', { class: `signal-bars bars-${bars}`, 'aria-hidden': 'true' }, h('i'), h('i'), h('i'), h('i')),
    ` ${words}`,
  );
}
