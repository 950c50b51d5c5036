import { useEffect, useRef, useState } from 'preact/hooks';
import type { JournalDayAnswer } from '../../../../hub/api/contract/food-journal.js';
import { api } from '../../api/client.js';
import { StatusLine } from '../../components/status-line.js';
import { useAction, type Act } from '../../components/use-action.js';
import { useRequest } from '../../components/use-request.js';
import { errorText } from '../../format/error-text.js';
import { formatTime } from '../../format/freshness.js';
import { addDays, dateLabel } from '../../format/local-date.js';
import { loadPeople, personName } from '../../state/household.js';
import { href, type PageProps } from '../dashboard-app.js';
import { AddFood, QuickDrinks } from './add-to-journal.js';
import { FOOD_PATH } from './food-paths.js';
import { MEALS, TOTALS, alcoholText, portionText, totalShare, totalText } from './journal-format.js';
import { IntakeTrends } from './intake-trends.js';
import { MedicinesCard } from './medicines-card.js';

interface Loaded {
  readonly name: string;
  readonly day: JournalDayAnswer;
  /** The household's today, from the hub: the day entries are added to. */
  readonly today: string;
}

async function loadJournal(personId: string, date: string | undefined): Promise<Loaded> {
  const path = `/people/${encodeURIComponent(personId)}/food-journal`;
  const [people, today] = await Promise.all([loadPeople(), api.get<JournalDayAnswer>(path)]);
  const day = date === undefined || date === today.date ? today : await api.get<JournalDayAnswer>(path, { date });
  return { name: personName(people, personId), day, today: today.date };
}

/** The day's totals against the reference amounts, as bars with their figures. */
function DayTotals({ day }: { readonly day: JournalDayAnswer }) {
  return (
    <section class="card intake-totals" aria-labelledby="intake-totals-heading">
      <h2 id="intake-totals-heading">The day’s totals</h2>
      <ul class="plain-list">
        {TOTALS.map((total) => {
          const reference = day.references[total.key];
          const { share, over } = totalShare(day.totals[total.key], reference);
          return (
            <li key={total.key} data-total={total.key} class={over ? 'over' : undefined}>
              <span class="intake-label">{total.label}</span>
              <span class="intake-figure">{totalText(day.totals[total.key], reference, total.unit)}</span>
              <span class="intake-bar" aria-hidden="true">
                <span style={{ width: `${Math.round(share * 100)}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
      {alcoholText(day.totals.alcohol_g) !== undefined && (
        <p class="intake-alcohol" data-total="alcohol_g">
          {alcoholText(day.totals.alcohol_g)}
        </p>
      )}
      <p class="hint">Reference amounts for an adult, not advice for anyone in particular: energy about 2,000 kcal and sodium under 2,300 mg (US Daily Values), caffeine up to 400 mg (FDA), about 2 L drunk (EFSA).</p>
    </section>
  );
}

function Entries({ day, act }: { readonly day: JournalDayAnswer; readonly act: Act }) {
  if (day.entries.length === 0) return <p class="muted">Nothing written down for this day.</p>;
  return (
    <>
      {MEALS.map((meal) => {
        const entries = day.entries.filter((e) => e.meal === meal.id);
        if (entries.length === 0) return null;
        const kcal = entries.reduce((sum, e) => sum + (e.nutrients.kcal ?? 0), 0);
        return (
          <section key={meal.id} class="card journal-meal" data-meal={meal.id} aria-labelledby={`meal-${meal.id}`}>
            <h2 id={`meal-${meal.id}`}>
              {meal.label} <span class="muted">{Math.round(kcal).toLocaleString()} kcal</span>
            </h2>
            <ul class="plain-list">
              {entries.map((entry) => (
                <li key={entry.id} data-entry={entry.id} class="journal-entry">
                  <span class="entry-name">{entry.name}</span>
                  <span class="muted">
                    {portionText(entry)} · {formatTime(entry.ts)} · {entry.nutrients.kcal === null ? 'energy not in the table' : `${Math.round(entry.nutrients.kcal).toLocaleString()} kcal`}
                  </span>
                  <button type="button" class="link-button" aria-label={`Remove ${entry.name} at ${formatTime(entry.ts)}`} onClick={() => void act(() => api.delete(`/people/${encodeURIComponent(day.personId)}/food-journal/${entry.id}`), `${entry.name} removed.`)}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

/** One person's food and drink journal, a day at a time: totals, medicines and their doses, water with one press, foods found by typing. */
export function FoodJournalPage({ params }: PageProps) {
  const personId = params['personId'] ?? '';
  const [date, setDate] = useState<string | undefined>(undefined);
  const { value, failure, loading, reload } = useRequest(() => loadJournal(personId, date));
  const { act, message } = useAction(reload);
  // The first day is asked for on mount; another day when the person moves to it.
  const askedFor = useRef(date);
  useEffect(() => {
    if (askedFor.current === date) return;
    askedFor.current = date;
    void reload();
  }, [date, reload]);
  useEffect(() => {
    document.title = `${value?.name ?? 'Food'}: food and drink — Hearth`;
  }, [value?.name]);
  // Today follows the clock: a page left open overnight moves on to the new day by itself.
  useEffect(() => {
    if (date !== undefined) return undefined;
    const timer = setInterval(() => void reload(), 60_000);
    return () => clearInterval(timer);
  }, [date, reload]);

  const status = failure !== undefined ? errorText(failure) : loading && value === undefined ? 'Loading…' : message;
  const shown = value?.day.date;
  const isToday = value !== undefined && shown === value.today;
  return (
    <section class="page food-journal-page">
      <p>
        <a href={href(FOOD_PATH)}>Food</a>
      </p>
      <h1>{value === undefined ? 'Food and drink' : `${value.name}: food and drink`}</h1>
      <StatusLine text={status} />
      {value !== undefined && shown !== undefined && (
        <>
          <nav class="day-nav" aria-label="Day">
            <button type="button" onClick={() => setDate(addDays(shown, -1))}>
              ← Day before
            </button>
            <span class="day-shown">{isToday ? `Today, ${dateLabel(shown)}` : dateLabel(shown)}</span>
            <button type="button" disabled={isToday} onClick={() => setDate(addDays(shown, 1) === value.today ? undefined : addDays(shown, 1))}>
              Day after →
            </button>
          </nav>
          <DayTotals day={value.day} />
          <MedicinesCard personId={personId} date={shown} isToday={isToday} />
          {isToday ? (
            <>
              <QuickDrinks personId={personId} act={act} />
              <AddFood personId={personId} act={act} />
            </>
          ) : (
            <p class="hint">Entries are added to today; an earlier day’s can be looked at and removed.</p>
          )}
          <Entries day={value.day} act={act} />
          {/* Asked again whenever the day's totals change, so an entry added shows on the chart. */}
          <IntakeTrends key={`${value.day.date} ${value.day.entries.length} ${value.day.totals.kcal} ${value.day.totals.sodium_mg}`} personId={personId} />
        </>
      )}
    </section>
  );
}
