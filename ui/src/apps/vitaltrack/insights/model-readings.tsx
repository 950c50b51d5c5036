import type { PersonOverview } from '../../../api/types.js';
import { Age } from '../../../components/age.js';
import { isModelOutput, metricLabel, sortMetrics } from '../../../format/metric-format.js';

const percent = (p: number): string => `${Math.round(p * 100)}%`;

/** A model's newest score, said as what it means for the person rather than as a number to read. */
export function modelReadingWords(metric: string, value: number): string {
  switch (metric) {
    case 'af_probability':
      return value < 0.5
        ? `The heart rhythm looked regular at the last check (the model gave atrial fibrillation a ${percent(value)} likelihood).`
        : `The heart rhythm looked irregular at the last check, as in atrial fibrillation (a ${percent(value)} likelihood). One check is no diagnosis: an insight follows only if it lasts.`;
    case 'illness_score':
      return value < 1
        ? 'Resting heart rate over the last day was close to their usual.'
        : `Resting heart rate over the last day was ${value < 2 ? 'somewhat' : 'well'} above their usual (${value.toFixed(1)} times its usual spread), as can happen before or during an illness.`;
    case 'stress_score':
      return `The stress score was ${Math.round(value)} out of 100: ${value < 40 ? 'relaxed' : value < 70 ? 'some strain' : 'high strain'}.`;
    default:
      return `${metricLabel(metric)}, as the model last read it: ${value.toLocaleString(undefined, { maximumFractionDigits: 2 })}.`;
  }
}

/** What the models read last for each person (scores that are no vital), in sentences. */
export function ModelReadings({ people }: { readonly people: readonly PersonOverview[] }) {
  const read = people.map((person) => ({ person, metrics: sortMetrics(Object.keys(person.latest).filter(isModelOutput)) })).filter((p) => p.metrics.length > 0);
  if (read.length === 0) return null;
  return (
    <section class="card model-readings" aria-labelledby="model-readings-heading">
      <h2 id="model-readings-heading">What the models read last</h2>
      <ul class="plain-list">
        {read.flatMap(({ person, metrics }) =>
          metrics.map((metric) => {
            const latest = person.latest[metric];
            if (latest === undefined) return null;
            return (
              <li key={`${person.id}-${metric}`} data-person={person.id} data-metric={metric}>
                <strong>{person.name}</strong>
                {': '}
                {modelReadingWords(metric, latest.value)} <Age ts={latest.ts} class="age muted" />
              </li>
            );
          }),
        )}
      </ul>
    </section>
  );
}
