import { ApiError, api } from '../api/client.js';
import type { Insight, PersonOverview } from '../api/types.js';
import { h, replaceChildren, statusLine } from '../dom.js';
import { formatAge, formatDateTime } from '../format/freshness.js';
import { loadPeople, personName } from '../household.js';
import { errorText } from './auth-form.js';
import type { View } from './view.js';

/** What the on-box models noticed, each with the explanation of why. */
export function insightsView(): View {
  const status = statusLine('Loading insights…');
  const list = h('div', { class: 'insight-list' });
  Promise.all([api.get<Insight[]>('/insights'), loadPeople().catch((): readonly PersonOverview[] => [])])
    .then(([insights, people]) => {
      status.textContent = insights.length === 0 ? 'No insights yet. The models need a few days of readings to learn each person’s usual values.' : '';
      replaceChildren(list, ...[...insights].sort((a, b) => b.ts - a.ts).map((i) => insightCard(i, people)));
    })
    .catch((error: unknown) => {
      status.textContent = error instanceof ApiError && (error.status === 503 || error.status === 404) ? 'The models are not running on this hub yet.' : errorText(error);
    });
  return {
    element: h(
      'section',
      { class: 'page' },
      h('h1', {}, 'Insights'),
      h('p', { class: 'muted' }, 'Computed on this box from the household’s own readings. They are hints to talk about with a doctor, not a diagnosis.'),
      status,
      list,
    ),
  };
}

function insightCard(insight: Insight, people: readonly PersonOverview[]): HTMLElement {
  return h(
    'article',
    { class: 'card insight', 'data-insight-id': insight.id },
    h('p', { class: 'alert-meta' }, personName(people, insight.personId), ' · ', h('span', { 'data-ts': insight.ts, title: formatDateTime(insight.ts) }, formatAge(insight.ts))),
    h('h3', {}, insight.title),
    h('p', {}, insight.explanation),
    h('p', { class: 'muted small-print' }, `Model: ${insight.model}`, insight.score !== null && insight.score !== undefined ? ` · score ${insight.score.toFixed(2)}` : ''),
  );
}
