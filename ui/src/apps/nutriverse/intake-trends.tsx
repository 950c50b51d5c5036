import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { TrendsAnswer } from '../../../../hub/api/contract/food-journal.js';
import { api } from '../../api/client.js';
import { DailyPairPlot, type DailyQuantity } from '../../charts/daily-pair-plot.js';
import { StatusLine } from '../../components/status-line.js';
import { useRequest } from '../../components/use-request.js';
import { errorText } from '../../format/error-text.js';
import { displayUnit } from '../../format/display-units.js';
import { householdSettings } from '../../state/settings.js';
import { trendSummary } from './journal-format.js';

const DAYS = 28;

type TrendDay = TrendsAnswer[number];

interface PairProps {
  readonly title: string;
  readonly dates: readonly string[];
  readonly quantities: readonly [DailyQuantity, DailyQuantity];
  readonly left: readonly (number | null)[];
  readonly right: readonly (number | null)[];
  readonly summary: string;
}

function PairChart({ title, dates, quantities, left, right, summary }: PairProps) {
  const host = useRef<HTMLDivElement>(null);
  const anything = left.some((v) => v !== null) || right.some((v) => v !== null);
  useEffect(() => {
    if (host.current === null || !anything) return undefined;
    const plot = new DailyPairPlot(host.current, quantities);
    plot.show(dates, left, right);
    return () => plot.destroy();
  }, [dates, quantities, left, right, anything]);
  // Nothing in four weeks: the sentence says so, an empty chart would only take room.
  return (
    <figure class="trend-chart">
      <figcaption>{title}</figcaption>
      {anything && <div ref={host} class="chart" role="img" aria-label={`${title}: ${summary}`} />}
      <p class="hint">{summary}</p>
    </figure>
  );
}

const SODIUM: DailyQuantity = { label: 'Sodium', unit: 'mg', decimals: 0, drawn: 'bars' };
const SYSTOLIC: DailyQuantity = { label: 'Systolic', unit: 'mmHg', decimals: 0, drawn: 'points' };
const ENERGY: DailyQuantity = { label: 'Energy', unit: 'kcal', decimals: 0, drawn: 'bars' };

/** The last four weeks: sodium beside blood pressure, energy beside weight, each day a bar and a point. */
export function IntakeTrends({ personId }: { readonly personId: string }) {
  const { value, failure, loading } = useRequest(() => api.get<TrendsAnswer>(`/people/${encodeURIComponent(personId)}/food-journal/trends`, { days: String(DAYS) }));
  const weightUnit = displayUnit('body_weight', householdSettings.value);
  const charts = useMemo(() => {
    if (value === undefined) return undefined;
    const inUnit = (kg: number | null): number | null => (kg === null ? null : (weightUnit?.fromCanonical(kg) ?? kg));
    // A day nothing was written down is a gap, not a day without food.
    const written = (get: (d: TrendDay) => number): (number | null)[] => value.map((d) => (d.entries === 0 ? null : get(d)));
    const weight: DailyQuantity = { label: 'Weight', unit: weightUnit?.unit ?? 'kg', decimals: 1, drawn: 'points' };
    return {
      dates: value.map((d) => d.date),
      sodium: { quantities: [SODIUM, SYSTOLIC] as const, left: written((d) => d.sodium_mg), right: value.map((d) => d.systolic) },
      energy: { quantities: [ENERGY, weight] as const, left: written((d) => d.kcal), right: value.map((d) => inUnit(d.weightKg)) },
      sodiumSummary: trendSummary(value, { label: 'sodium', unit: 'mg', of: (d) => d.sodium_mg }, { label: 'systolic pressure', unit: 'mmHg', of: (d) => d.systolic }),
      energySummary: trendSummary(value, { label: 'energy', unit: 'kcal', of: (d) => d.kcal }, { label: 'weight', unit: weight.unit, of: (d) => inUnit(d.weightKg) }),
    };
  }, [value, weightUnit?.unit]);
  const status = failure !== undefined ? errorText(failure) : loading && value === undefined ? 'Loading…' : '';
  return (
    <section class="card intake-trends" aria-labelledby="intake-trends-heading">
      <h2 id="intake-trends-heading">The last four weeks</h2>
      <StatusLine text={status} />
      {charts !== undefined && (
        <>
          <PairChart title="Sodium and blood pressure" dates={charts.dates} {...charts.sodium} summary={charts.sodiumSummary} />
          <PairChart title="Energy and weight" dates={charts.dates} {...charts.energy} summary={charts.energySummary} />
        </>
      )}
    </section>
  );
}
