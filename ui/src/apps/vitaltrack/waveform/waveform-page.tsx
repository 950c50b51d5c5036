import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../../api/client.js';
import type { WaveformAnswer } from '../../../api/types.js';
import { WaveformStrip } from '../../../charts/waveform-strip.js';
import { WaveformTrace } from '../../../charts/waveform-trace.js';
import { StatusLine } from '../../../components/status-line.js';
import { errorText } from '../../../format/error-text.js';
import { loadPeople, personName } from '../../../state/household.js';
import type { PageProps } from '../../dashboard-app.js';
import { personHref } from '../paths.js';

const POLL_MS = 1000;
const FIRST_LOOK_MS = 10_000;

const STRIPS = [
  ['ecg', 'ECG', 'No ECG right now: it shows while the chest strap is worn.'],
  ['pleth', 'Plethysmogram (pulse oximeter)', 'No plethysmogram right now: it shows while the oximeter is on a finger.'],
] as const;

/** Live ECG and pleth: the hub keeps waveform blocks, the page asks for the new ones each second. */
export function WaveformPage({ params }: PageProps) {
  const personId = params['personId'] ?? '';
  const traces = useMemo(() => STRIPS.map(([metric]) => new WaveformTrace(metric)), []);
  const [name, setName] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('Waiting for a waveform…');
  const [showing, setShowing] = useState<readonly boolean[]>([]);

  useEffect(() => {
    let mounted = true;
    loadPeople()
      .then((people) => mounted && setName(personName(people, personId)))
      .catch(() => undefined);
    return () => {
      mounted = false;
    };
  }, [personId]);

  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const poll = async (): Promise<void> => {
      const now = Date.now();
      try {
        const answers = await Promise.all(
          // From just before the newest block drawn, but never further back than the first look: a strap
          // off for a while must not make the question longer than the hub answers.
          traces.map((trace) => api.get<WaveformAnswer>('/waveforms', { personId, metric: trace.metric, from: Math.floor(Math.max(trace.end - 2000, now - FIRST_LOOK_MS)), to: now + 60_000 })),
        );
        if (stopped) return;
        answers.forEach((answer, i) => traces[i]?.add(answer.blocks));
        const drawn = traces.map((trace) => trace.end > 0);
        setShowing(drawn);
        setStatus(drawn.includes(true) ? '' : 'No ECG or pleth from this person’s devices in the last few seconds. Put on the chest strap or the oximeter.');
      } catch (error) {
        if (stopped) return;
        setStatus(errorText(error));
      }
      timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [personId, traces]);

  // Once one strip draws, a strip with nothing to draw steps aside.
  const anyShowing = showing.includes(true);
  return (
    <section class="page">
      <p class="breadcrumb">
        <a href={personHref(personId)}>Back to charts</a>
      </p>
      <h1>{name !== undefined ? `${name}: live waveforms` : 'Live waveforms'}</h1>
      <StatusLine text={status} />
      {traces.map((trace, i) => (
        <WaveformStrip key={trace.metric} trace={trace} label={STRIPS[i]?.[1] ?? trace.metric} hidden={anyShowing && showing[i] !== true} />
      ))}
      {anyShowing && traces.map((trace, i) => showing[i] !== true && <p key={trace.metric} class="muted">{STRIPS[i]?.[2]}</p>)}
    </section>
  );
}
