import type { Alert } from '../api/types.js';
import { effect } from '@preact/signals';
import { alerts } from '../state/alerts.js';
import { h, replaceChildren } from '../dom.js';
import { errorText } from '../format/error-text.js';
import { formatAge } from '../format/freshness.js';
import { href } from '../router.js';

/**
 * Unacknowledged warnings and critical alerts on top of every page, announced to screen readers,
 * with the page title flagged and a tone for critical ones, so a caregiver cannot miss them.
 */
export function alertBanner(): { element: HTMLElement; dispose: () => void } {
  const element = h('section', { class: 'alert-banner', 'aria-label': 'Alerts needing attention', hidden: true });
  const announced = new Set<string>();
  const render = (): void => {
    const pending = alerts.unacknowledged.value.filter((a) => a.severity !== 'info');
    element.hidden = pending.length === 0;
    document.title = pending.length > 0 ? `(${pending.length}) Alert — Hearth` : 'Hearth';
    replaceChildren(element, ...pending.slice(0, 3).map(alertRow), pending.length > 3 ? h('a', { href: href('/alerts') }, `and ${pending.length - 3} more`) : null);
    for (const alert of pending) {
      if (announced.has(alert.id)) continue;
      announced.add(alert.id);
      if (alert.severity === 'critical') playTone();
    }
  };
  const unsubscribe = effect(render);
  return { element, dispose: unsubscribe };
}

function alertRow(alert: Alert): HTMLElement {
  const error = h('span', { class: 'form-error' });
  const ack = h('button', { type: 'button', class: 'ack' }, 'Acknowledge');
  ack.addEventListener('click', () => {
    ack.disabled = true;
    alerts.acknowledge(alert.id).catch((e: unknown) => {
      ack.disabled = false;
      error.textContent = errorText(e);
    });
  });
  return h(
    'div',
    { class: `banner-alert severity-${alert.severity}`, role: 'alert' },
    h('strong', {}, alert.severity === 'critical' ? 'Critical: ' : 'Warning: ', alert.title),
    h('span', { class: 'muted' }, ` · ${formatAge(alert.raisedAt)}`),
    h('span', { class: 'banner-actions' }, h('a', { href: href('/alerts') }, 'Details'), ack),
    error,
  );
}

/** Browsers allow sound only after the page has been touched; a silent failure is fine there. */
function playTone(): void {
  try {
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.6);
    oscillator.addEventListener('ended', () => void audio.close());
  } catch {
    // No audio on this device.
  }
}
