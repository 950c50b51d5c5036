import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../../api/client.js';
import type { PersonOverview } from '../../../api/types.js';
import { ChartTimeline } from '../../../charts/chart-timeline.js';
import { SeriesChart } from '../../../charts/series-chart.js';
import type { TimeRange } from '../../../charts/time-range.js';
import { StatusLine } from '../../../components/status-line.js';
import { useRequest } from '../../../components/use-request.js';
import { errorText } from '../../../format/error-text.js';
import { vitalGroups } from '../../../format/vital-groups.js';
import { rememberPeople } from '../../../state/household.js';
import { latestValues } from '../../../state/latest-values.js';
import { href, type PageProps } from '../../dashboard-app.js';
import { GroupVital, type VitalContext } from '../components/vital.js';
import { personLiveHref, personLogbookHref } from '../paths.js';
import { RangeExplanation } from './range-explanation.js';
import { RANGES, rangeFor, rangeFromHash } from './time-ranges.js';

async function loadPerson(personId: string): Promise<PersonOverview | undefined> {
  const people = await api.get<PersonOverview[]>('/people');
  rememberPeople(people);
  const person = people.find((p) => p.id === personId);
  if (person !== undefined) latestValues.seed(person.id, person.latest);
  return person;
}

/**
 * One person: latest vitals with their normal ranges, charts of each metric they have (zoomed
 * together, and joined by a metric's chart when its first reading arrives), export, live waveforms.
 */
export function PersonPage({ params }: PageProps) {
  const personId = params['personId'] ?? '';
  const { value: person, failure, loading } = useRequest(() => loadPerson(personId));
  const [rangeKey, setRangeKey] = useState(rangeFromHash);
  // One timeline for all the person's charts, starting at the range the address names.
  const timeline = useMemo(() => new ChartTimeline(rangeFor(rangeFromHash())), [personId]);
  const range = timeline.range.value;
  const values = latestValues.of(personId).value;

  useEffect(() => {
    if (person !== undefined) document.title = `${person.name} — Hearth`;
  }, [person]);

  // A new range each time a button is pressed, even the pressed one: it ends now and undoes zooms.
  const chooseRange = (key: string): void => {
    setRangeKey(key);
    timeline.show(rangeFor(key));
    history.replaceState(null, '', `#/people/${encodeURIComponent(personId)}?range=${key}`);
  };

  // The metrics the person had when the page opened, and any whose first reading arrives while it is open (a
  // device just paired): each gets a vital and a chart, blood pressure's two one of each.
  const groups = person !== undefined ? vitalGroups(new Set([...Object.keys(person.latest), ...values.keys()])) : [];
  // A chart that joins the page brings the range up to now for all of them (unless someone zoomed), so the
  // reading that brought it is in sight.
  const charted = groups.map((g) => g.id).join(' ');
  const firstCharted = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (person === undefined) return;
    if (firstCharted.current === undefined) firstCharted.current = charted;
    else if (charted !== firstCharted.current && !timeline.zoomed) {
      firstCharted.current = charted;
      timeline.show(rangeFor(rangeKey));
    }
  }, [charted, person, timeline]);
  const personName = person?.name ?? personId;
  const context: VitalContext = { personName, ranges: person?.ranges ?? {}, explain: (checks) => <RangeExplanation checks={checks} personName={personName} /> };
  const status =
    failure !== undefined
      ? errorText(failure)
      : loading
        ? 'Loading…'
        : person === undefined
          ? 'There is no one with this name in the household.'
          : groups.length === 0
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
        {groups.map((group) => (
          <GroupVital key={group.id} group={group} values={values} context={context} />
        ))}
      </div>
      <div class="segments" role="group" aria-label="Time range">
        {RANGES.map(([key, label]) => (
          <button key={key} type="button" class="segment" aria-pressed={key === rangeKey} data-range={key} onClick={() => chooseRange(key)}>
            {label}
          </button>
        ))}
      </div>
      <div class="charts">
        {groups.map((group) => (
          <SeriesChart key={group.id} personId={personId} group={group} timeline={timeline} />
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
