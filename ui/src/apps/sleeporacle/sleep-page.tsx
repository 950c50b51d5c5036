import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client.js';
import type { SleepAnswer, SleepSession } from '../../api/types.js';
import { ChartTimeline } from '../../charts/chart-timeline.js';
import { SeriesChart } from '../../charts/series-chart.js';
import { StatusLine } from '../../components/status-line.js';
import { useRequest } from '../../components/use-request.js';
import { errorText } from '../../format/error-text.js';
import { formatTime } from '../../format/freshness.js';
import { metricGroup } from '../../format/vital-groups.js';
import { loadPeople, personName } from '../../state/household.js';
import { href, type PageProps } from '../dashboard-app.js';
import { NightTimeline } from './night-timeline.js';
import { nightChanges, sleepWeeks } from './sleep-trends.js';
import { hoursAndMinutes, nightLabel } from './sleep-format.js';
import { SLEEP_PATH } from './sleep-paths.js';

const DAY = 86_400_000;
const NIGHTS_SHOWN = 14;
/** Weeks of trends: within the 62 days the hub answers at once. */
const WEEKS_SHOWN = 8;

async function loadSleep(personId: string): Promise<{ name: string; sessions: readonly SleepSession[]; to: number }> {
  const to = Date.now();
  const [people, answer] = await Promise.all([loadPeople(), api.get<SleepAnswer>('/sleep', { personId, from: to - (WEEKS_SHOWN * 7 + 1) * DAY, to })]);
  return { name: personName(people, personId), sessions: answer.sessions, to };
}

/** One person's nights: the last one in detail (score and its parts, oxygen, charts), the fortnight as a timeline. */
export function SleepPage({ params }: PageProps) {
  const personId = params['personId'] ?? '';
  const { value, failure, loading } = useRequest(() => loadSleep(personId));
  const nights = useMemo(() => (value?.sessions ?? []).filter((s) => s.kind === 'night'), [value]);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const night = nights.find((n) => n.start === chosen) ?? nights[nights.length - 1];

  useEffect(() => {
    if (value !== undefined) document.title = `${value.name}: sleep — Hearth`;
  }, [value]);

  const status =
    failure !== undefined
      ? errorText(failure)
      : loading
        ? 'Loading…'
        : nights.length === 0
          ? 'No nights yet. Wear a chest strap, a watch or an oximeter in bed; the hub works the night out within the hour after waking.'
          : '';
  return (
    <section class="page sleep-page">
      <p class="breadcrumb">
        <a href={href(SLEEP_PATH)}>Sleep</a>
      </p>
      <h1>{value?.name ?? personId}: sleep</h1>
      <StatusLine text={status} />
      {night !== undefined && <NightDetail personId={personId} night={night} changes={nightChanges(night, nights)} />}
      {nights.length > 0 && (
        <section aria-labelledby="sleep-fortnight">
          <h2 id="sleep-fortnight">The last {NIGHTS_SHOWN} nights</h2>
          <NightTimeline nights={nights.slice(-NIGHTS_SHOWN)} chosen={night?.start} onChoose={setChosen} />
        </section>
      )}
      {value !== undefined && nights.length > 0 && <SleepTrends personId={personId} nights={nights} now={value.to} />}
    </section>
  );
}

function NightDetail({ personId, night, changes }: { readonly personId: string; readonly night: SleepSession; readonly changes: readonly string[] }) {
  // The night's charts zoom together; on a phone a zoom keeps the night's end in sight.
  const timeline = useMemo(() => new ChartTimeline({ from: night.start, to: night.end }, { latest: () => night.end }), [night]);
  const weak = night.score.parts.filter((part) => part.score < 70);
  // The oximeter's dips of 3 % or more, shaded on the oxygen chart.
  const dips = useMemo(() => {
    const events = night.oxygen?.events ?? [];
    return { spans: events.map((e) => ({ from: e.start, to: e.end })), label: events.length === 1 ? 'one dip of 3 % or more' : `${events.length} dips of 3 % or more` };
  }, [night]);
  return (
    <article class="night" data-night={night.night}>
      <h2>
        Night of {nightLabel(night.night)}: {formatTime(night.start)} – {formatTime(night.end)}
      </h2>
      {night.partial && <p class="muted">The recording began or ended during this sleep: it is shown as far as it was seen.</p>}
      <div class="night-figures">
        <p class="night-score">
          <span class="value">{night.score.score}</span>
          <span class="muted"> of 100</span>
        </p>
        <ul class="score-parts" aria-label="What the score is made of">
          {night.score.parts.map((part) => (
            <li key={part.name}>
              <span>{part.detail}</span>
              <meter min={0} max={100} low={50} high={80} optimum={100} value={part.score} aria-label={`${partLabel(part.name)}: ${Math.round(part.score)} of 100`} />
            </li>
          ))}
        </ul>
      </div>
      <p class="night-summary">
        {hoursAndMinutes(night.asleepMinutes)} asleep, {Math.round(night.efficiency * 100)} % of the time in bed;{' '}
        {night.awakenings === 0 ? 'no awakenings' : night.awakenings === 1 ? 'one awakening' : `${night.awakenings} awakenings`}.
        {weak.length > 0 && ` What held the score back: ${weak.map((part) => part.detail).join(', ')}.`}
      </p>
      {changes.length > 0 && <p class="night-changes">Against your usual nights: {changes.join('; ')}.</p>}
      <NightOxygen night={night} />
      <NightBreathing night={night} />
      <div class="charts">
        <SeriesChart personId={personId} group={metricGroup('spo2')} timeline={timeline} marks={dips} />
        <SeriesChart personId={personId} group={metricGroup('heart_rate')} timeline={timeline} />
        <SeriesChart personId={personId} group={metricGroup('hrv_rmssd')} timeline={timeline} />
        {night.breathing !== null && night.breathing !== undefined && <SeriesChart personId={personId} group={metricGroup('apnea_probability')} timeline={timeline} />}
      </div>
    </article>
  );
}

function NightOxygen({ night }: { readonly night: SleepSession }) {
  const oxygen = night.oxygen;
  if (oxygen === null) return <p class="muted">No oximeter was worn this night, so there is no overnight oxygen.</p>;
  const index = (value: number | null): string => (value === null ? 'needs an hour of recording' : `${value.toFixed(1)} an hour`);
  return (
    <section aria-labelledby="night-oxygen" class="night-oxygen">
      <h3 id="night-oxygen">Overnight oxygen</h3>
      <dl class="figures">
        <div>
          <dt>Dips of 4 % or more</dt>
          <dd data-figure="odi4">{index(oxygen.odi4)}</dd>
        </div>
        <div>
          <dt>Dips of 3 % or more</dt>
          <dd data-figure="odi3">{index(oxygen.odi3)}</dd>
        </div>
        <div>
          <dt>Time below 90 %</dt>
          <dd data-figure="t90">{hoursAndMinutes(oxygen.t90Minutes)}</dd>
        </div>
        <div>
          <dt>Lowest</dt>
          <dd data-figure="lowest">{oxygen.lowest === null ? '—' : `${Math.round(oxygen.lowest)} %`}</dd>
        </div>
      </dl>
      <p class="muted small-print">
        From {hoursAndMinutes(oxygen.validMinutes)} of valid recording
        {oxygen.excludedMinutes >= 1 ? `; ${hoursAndMinutes(oxygen.excludedMinutes)} left out where the finger was out of the clip or the probe moved` : ''}. A
        screening aid, not a diagnosis: talk to a doctor about dips that come often.
      </p>
    </section>
  );
}

/** Week by week: how long, how well, and how the breathing went, with the estimate charted over the weeks. */
function SleepTrends({ personId, nights, now }: { readonly personId: string; readonly nights: readonly SleepSession[]; readonly now: number }) {
  const weeks = sleepWeeks(nights, now, WEEKS_SHOWN);
  const longest = Math.max(1, ...weeks.map((w) => w.asleepMinutes ?? 0));
  const screened = nights.some((n) => n.breathing?.estimatedAhi !== null && n.breathing?.estimatedAhi !== undefined);
  const timeline = useMemo(() => new ChartTimeline({ from: now - WEEKS_SHOWN * 7 * DAY, to: now }, { latest: () => now }), [now]);
  const figure = (value: number | undefined, say: (v: number) => string): string => (value === undefined ? '—' : say(value));
  return (
    <section aria-labelledby="sleep-weeks" class="sleep-weeks">
      <h2 id="sleep-weeks">The last {WEEKS_SHOWN} weeks</h2>
      <div class="table-scroll" role="region" aria-labelledby="sleep-weeks" tabIndex={0}>
        <table class="weeks-table">
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col">Nights</th>
              <th scope="col">Asleep, on average</th>
              <th scope="col">Score</th>
              <th scope="col">Awakenings</th>
              <th scope="col">Breathing events an hour</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.to} data-nights={week.nights}>
                <th scope="row">{weekLabel(week.from, week.to)}</th>
                <td>{week.nights}</td>
                <td>
                  {week.asleepMinutes !== undefined && <span class="week-bar" aria-hidden="true" style={{ width: `${Math.round((week.asleepMinutes / longest) * 100)}%` }} />}
                  {figure(week.asleepMinutes, hoursAndMinutes)}
                </td>
                <td>{figure(week.score, (v) => String(Math.round(v)))}</td>
                <td>{figure(week.awakenings, (v) => v.toFixed(1))}</td>
                <td>{figure(week.ahi, (v) => String(Math.round(v)))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {screened && (
        <div class="charts">
          <SeriesChart personId={personId} group={metricGroup('ahi_estimate')} timeline={timeline} />
        </div>
      )}
    </section>
  );
}

function weekLabel(from: number, to: number): string {
  const day = (ts: number): string => new Date(ts).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  return `${day(from + 1)} – ${day(to - 1)}`;
}

const CATEGORY_WORDS = {
  normal: 'within the normal range (under 5 an hour)',
  mild: 'mild (5 to 15 an hour)',
  moderate: 'moderate (15 to 30 an hour)',
  severe: 'severe (30 or more an hour)',
} as const;

/** The night's breathing, screened from the chest strap's heartbeat intervals. */
function NightBreathing({ night }: { readonly night: SleepSession }) {
  const breathing = night.breathing;
  if (breathing === undefined || breathing === null) {
    return <p class="muted">No breathing screening for this night: it needs a chest strap worn through it, and is made within the hour after waking.</p>;
  }
  return (
    <section aria-labelledby="night-breathing" class="night-breathing" data-category={breathing.category ?? 'none'}>
      <h3 id="night-breathing">Breathing in sleep</h3>
      {breathing.estimatedAhi === null || breathing.category === null ? (
        <p>Under an hour of clean heartbeat intervals ({hoursAndMinutes(breathing.validMinutes)}): too little for an estimate.</p>
      ) : (
        <p>
          About <strong data-figure="ahi">{Math.round(breathing.estimatedAhi)}</strong> breathing pauses or shallow breaths an hour: {CATEGORY_WORDS[breathing.category]}.{' '}
          {breathing.apneaMinutes === 1 ? 'One minute' : `${breathing.apneaMinutes} minutes`} of {hoursAndMinutes(breathing.validMinutes)} looked like apnea.
        </p>
      )}
      <p class="muted small-print">
        Estimated from the rhythm of the chest strap’s heartbeats (the apnea-rr model, version {breathing.model}). A screening aid, not a diagnosis: sleep apnea is
        confirmed by a sleep study; show a doctor nights that come out moderate or severe.
      </p>
    </section>
  );
}

function partLabel(name: string): string {
  return { duration: 'Duration', regularity: 'Regularity', awakenings: 'Awakenings', resting_heart_rate: 'Resting heart rate' }[name] ?? name;
}
