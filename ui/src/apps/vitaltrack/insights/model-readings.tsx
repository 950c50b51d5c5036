import type { LatestValue, ModelOutput, PersonOverview } from '../../../api/types.js';
import { Age } from '../../../components/age.js';
import { formatTime } from '../../../format/freshness.js';
import { isModelOutput, metricLabel, sortMetrics } from '../../../format/metric-format.js';

const percent = (p: number): string => `${Math.round(p * 100)} %`;

/** The AF model's call in a word: its threshold is where it says "likely"; well below it, "unlikely". */
function afVerdict(probability: number, threshold: number): string {
  if (probability >= threshold) return 'likely';
  return probability < threshold / 2 ? 'unlikely' : 'uncertain';
}

/**
 * A model's newest value said as what it means for the person, then what it was computed from and
 * when: "Irregular rhythm (atrial fibrillation): unlikely (2 %) — from the intervals between 60
 * heartbeats, at 14:02."
 */
export function modelReadingWords(metric: string, latest: Pick<LatestValue, 'value' | 'ts'>, basis?: ModelOutput): string {
  const { value, ts } = latest;
  const from = `${basis !== undefined ? ` — from ${basis.reads},` : ' —'} at ${formatTime(ts)}.`;
  switch (metric) {
    case 'af_probability': {
      const verdict = afVerdict(value, basis?.threshold ?? 0.5);
      const caution = verdict === 'likely' ? ' One check is no diagnosis: an insight follows only if it lasts.' : '';
      return `Irregular rhythm (atrial fibrillation): ${verdict} (${percent(value)})${from}${caution}`;
    }
    case 'illness_score': {
      const raised = value > (basis?.threshold ?? 0);
      return `Resting heart rate: ${raised ? 'raised above their usual, as can happen before or during an illness' : 'close to their usual'} (score ${value.toLocaleString(undefined, { maximumFractionDigits: 2 })})${from}`;
    }
    case 'stress_score':
      return `Stress: ${value < 40 ? 'relaxed' : value < 70 ? 'some strain' : 'high strain'} (${Math.round(value)} out of 100)${from}`;
    default:
      return `${metricLabel(metric)}: ${value.toLocaleString(undefined, { maximumFractionDigits: 2 })}${from}`;
  }
}

interface ModelReadingsProps {
  readonly people: readonly PersonOverview[];
  /** What each running model writes and reads, from the hub; empty while the models are off. */
  readonly outputs: readonly ModelOutput[];
}

/** What the models read last for each person (scores that are no vital), in sentences with what they came from. */
export function ModelReadings({ people, outputs }: ModelReadingsProps) {
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
                <span>
                  <strong>{person.name}</strong>
                  {': '}
                  {modelReadingWords(metric, latest, outputs.find((o) => o.metric === metric))}
                </span>{' '}
                <Age ts={latest.ts} class="age muted" />
              </li>
            );
          }),
        )}
      </ul>
    </section>
  );
}
