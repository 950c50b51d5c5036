import { useEffect, useState } from 'preact/hooks';
import { api } from '../../../api/client.js';
import type { PersonOverview } from '../../../api/types.js';
import { SeriesChart } from '../../../charts/series-chart.js';
import type { TimeRange } from '../../../charts/time-range.js';
import { StatusLine } from '../../../components/status-line.js';
import { useRequest } from '../../../components/use-request.js';
import { errorText } from '../../../format/error-text.js';
import { isChartable, sortMetrics } from '../../../format/metric-format.js';
import { rememberPeople } from '../../../state/household.js';
import { latestValues } from '../../../state/latest-values.js';
import { href, type PageProps } from '../../dashboard-app.js';
import { Vital } from '../components/vital.js';
import { personLiveHref, personLogbookHref } from '../paths.js';
import { RANGES, rangeFor, rangeFromHash } from './time-ranges.js';

async function loadPerson(personId: string): Promise<PersonOverview | undefined> {
  const people = await api.get<PersonOverview[]>('/people');
  rememberPeople(people);
  const person = people.find((p) => p.id === personId);
  if (person !== undefined) latestValues.seed(person.id, person.latest);
  return person;
}

/** One person: latest vitals, zoomable charts of each metric they have, export, live waveforms. */
export function PersonPage({ params }: PageProps) {
  const personId = params['personId'] ?? '';
  const { value: person, failure, loading } = useRequest(() => loadPerson(personId));
  const [rangeKey, setRangeKey] = useState(rangeFromHash);
  // A new range each time a button is pressed, even the pressed one: it ends now and undoes zooms.
  const [range, setRange] = useState(() => rangeFor(rangeKey));
  const values = latestValues.of(personId).value;

  useEffect(() => {
    if (person !== undefined) document.title = `${person.name} — Hearth`;
  }, [person]);

  const chooseRange = (key: string): void => {
    setRangeKey(key);
    setRange(rangeFor(key));
    history.replaceState(null, '', `#/people/${encodeURIComponent(personId)}?range=${key}`);
  };

  // The metrics the person had when the page opened: each gets a vital and a chart.
  const metrics = person !== undefined ? sortMetrics(Object.keys(person.latest).filter(isChartable)) : [];
  const status =
    failure !== undefined
      ? errorText(failure)
      : loading
        ? 'Loading…'
        : person === undefined
          ? 'There is no one with this name in the household.'
          : metrics.length === 0
            ? `No readings yet for ${person.name}. Pair a device on the Devices page.`
            : '';
  return (
    <section class="page">
      <p class="breadcrumb">
        <a href={href('/')}>Household</a>
      </p>
      <div class="page-head">
        <h1>{person?.name ?? personId}</h1>
        <div class="row">
          <a class="button" href={personLogbookHref(personId)}>
            Logbook
          </a>
          <a class="button" href={personLiveHref(personId)}>
            Live ECG and pleth
          </a>
        </div>
      </div>
      <StatusLine text={status} />
      <div class="vitals vitals-wide">
        {metrics.map((metric) => {
          const latest = values.get(metric);
          return latest !== undefined && <Vital key={metric} metric={metric} latest={latest} />;
        })}
      </div>
      <div class="segments" role="group" aria-label="Time range">
        {RANGES.map(([key, label]) => (
          <button key={key} type="button" class="segment" aria-pressed={key === rangeKey} data-range={key} onClick={() => chooseRange(key)}>
            {label}
          </button>
        ))}
      </div>
      <div class="charts">
        {metrics.map((metric) => (
          <SeriesChart key={metric} personId={personId} metric={metric} range={range} />
        ))}
      </div>
      <ExportLinks personId={personId} range={range} />
    </section>
  );
}

function ExportLinks({ personId, range }: { readonly personId: string; readonly range: TimeRange }) {
  const link = (format: string, label: string) => (
    <a href={api.url('/export', { personId, from: range.from, to: range.to, format })} download="">
      {label}
    </a>
  );
  return (
    <p class="export-links">
      Download this period: {link('csv', 'CSV')} · {link('fhir', 'FHIR (JSON)')}
    </p>
  );
}
