import { api } from '../api/client.js';
import type { WaveformBlock } from '../api/types.js';
import { WaveformStrip } from '../charts/waveform-strip.js';
import { h, statusLine } from '../dom.js';
import { loadPeople, personName } from '../state/household.js';
import { personHref } from '../router.js';
import { errorText } from '../format/error-text.js';
import type { View, ViewContext } from './view.js';

const POLL_MS = 1000;
const FIRST_LOOK_MS = 10_000;

/** Live ECG and pleth: the hub keeps waveform blocks, the page asks for the new ones each second. */
export function waveformView({ params }: ViewContext): View {
  const personId = params['personId'] ?? '';
  const heading = h('h1', {}, 'Live waveforms');
  const status = statusLine('Waiting for a waveform…');
  const strips = [new WaveformStrip('ecg', 'ECG'), new WaveformStrip('pleth', 'Plethysmogram (pulse oximeter)')];
  const element = h(
    'section',
    { class: 'page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: personHref(personId) }, 'Back to charts')),
    heading,
    status,
    ...strips.map((s) => s.element),
  );
  void loadPeople().then((people) => (heading.textContent = `${personName(people, personId)}: live waveforms`)).catch(() => undefined);

  let stopped = false;
  let timer = 0;
  const poll = async (): Promise<void> => {
    const now = Date.now();
    try {
      const answers = await Promise.all(
        strips.map((strip) =>
          api.get<WaveformBlock[]>('/waveforms', { personId, metric: strip.metric, from: strip.end > 0 ? strip.end - 2000 : now - FIRST_LOOK_MS, to: now + 60_000 }),
        ),
      );
      answers.forEach((blocks, i) => strips[i]?.add(blocks));
      const showing = strips.filter((s) => s.end > 0);
      status.textContent = showing.length === 0 ? 'No ECG or pleth from this person’s devices in the last few seconds. Put on the chest strap or the oximeter.' : '';
      for (const strip of strips) strip.element.hidden = strip.end === 0 && showing.length > 0;
    } catch (error) {
      status.textContent = errorText(error);
    }
    if (!stopped) timer = window.setTimeout(() => void poll(), POLL_MS);
  };
  void poll();

  return {
    element,
    dispose() {
      stopped = true;
      window.clearTimeout(timer);
      for (const strip of strips) strip.dispose();
    },
  };
}
