import { ApiError, api } from '../../../api/client.js';
import type { Insight, ModelOutput, PersonOverview } from '../../../api/types.js';
import { Age } from '../../../components/age.js';
import { StatusLine } from '../../../components/status-line.js';
import { useRequest } from '../../../components/use-request.js';
import { errorText } from '../../../format/error-text.js';
import { loadPeople, personName } from '../../../state/household.js';
import { ModelReadings } from './model-readings.js';

interface InsightsAnswer {
  readonly insights: readonly Insight[];
  readonly people: readonly PersonOverview[];
  readonly outputs: readonly ModelOutput[];
}

async function loadInsights(): Promise<InsightsAnswer> {
  const [insights, people, outputs] = await Promise.all([
    api.get<Insight[]>('/insights'),
    loadPeople().catch((): readonly PersonOverview[] => []),
    api.get<ModelOutput[]>('/insights/outputs').catch((): readonly ModelOutput[] => []),
  ]);
  return { insights: [...insights].sort((a, b) => b.ts - a.ts), people, outputs };
}

/** What the on-box models noticed, each with the explanation of why. */
export function InsightsPage() {
  const { value, failure, loading } = useRequest(loadInsights);
  return (
    <section class="page">
      <h1>Insights</h1>
      <p class="muted">Computed on this box from the household’s own readings. They are hints to talk about with a doctor, not a diagnosis.</p>
      <StatusLine text={loading ? 'Loading insights…' : failure !== undefined ? failureText(failure) : value?.insights.length === 0 ? 'No insights yet. The models need a few days of readings to learn each person’s usual values.' : ''} />
      {value !== undefined && <ModelReadings people={value.people} outputs={value.outputs} />}
      <div class="insight-list">
        {value?.insights.map((insight) => (
          <InsightCard key={insight.id} insight={insight} people={value.people} />
        ))}
      </div>
    </section>
  );
}

function failureText(failure: unknown): string {
  return failure instanceof ApiError && (failure.status === 503 || failure.status === 404) ? 'The models are not running on this hub yet.' : errorText(failure);
}

function InsightCard({ insight, people }: { readonly insight: Insight; readonly people: readonly PersonOverview[] }) {
  return (
    <article class="card insight" data-insight-id={insight.id}>
      <p class="alert-meta">
        {personName(people, insight.personId)} · <Age ts={insight.ts} />
      </p>
      <h2>{insight.title}</h2>
      <p>{insight.explanation}</p>
      <p class="muted small-print">
        Model: {insight.model}
        {insight.score !== null && insight.score !== undefined ? ` · score ${insight.score.toFixed(2)}` : ''}
      </p>
    </article>
  );
}
