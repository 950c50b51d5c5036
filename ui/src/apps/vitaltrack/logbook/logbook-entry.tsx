import type { LogbookEntry, LogbookHour, LogbookMeasurement } from '../../../api/types.js';
import { deviceName } from '../../../format/device-name.js';
import { formatMoment, formatTime } from '../../../format/freshness.js';
import { formatValue, metricDefinition, metricLabel, metricUnit } from '../../../format/metric-format.js';

const HOUR_MS = 3_600_000;

/** What a device's link did, as a logbook line says it after the device's name. */
const DEVICE_WORDS = { connected: 'connected', disconnected: 'disconnected', available: 'was heard again', unavailable: 'went quiet (out of range or switched off)' } as const;
const ALERT_WORDS = { raised: 'Alert', cleared: 'Over, not yet acknowledged', acknowledged: 'Acknowledged', resolved: 'Closed' } as const;

/** Marks worth a word in a logbook; `from_device_storage` and the like are how, not what. */
const NOTABLE_FLAGS = new Set(['irregular_pulse', 'cuff_loose', 'body_movement', 'improper_position', 'out_of_usual_range', 'questionable', 'artefact']);

/** One line's identity, the same every time the page comes again. */
export function entryKey(entry: LogbookEntry): string {
  switch (entry.kind) {
    case 'hour':
      return `hour ${entry.ts} ${entry.metric}`;
    case 'measurement':
      return `measurement ${entry.ts} ${entry.device.id}`;
    case 'alert':
      return `alert ${entry.ts} ${entry.alertId} ${entry.change}`;
    case 'device':
      return `device ${entry.ts} ${entry.device.id} ${entry.event}`;
  }
}

const shown = (metric: string, value: number, unit: string): string => `${formatValue(metric, value)} ${metricUnit(metric, unit)}`.trim();

function hourText(entry: LogbookHour): string {
  const { metric, unit } = entry;
  // Not the shared clock: every hour's line would draw again each second. The page draws again with the next news.
  const soFar = Date.now() < entry.ts + HOUR_MS ? ' so far' : '';
  // A running total (energy expended) says where it got to, not its average.
  if (metricDefinition(metric)?.cumulative === true) return `${metricLabel(metric)}: up to ${shown(metric, entry.max, unit)}${soFar}`;
  return `${metricLabel(metric)}: average ${shown(metric, entry.mean, unit)} (lowest ${formatValue(metric, entry.min)}, highest ${formatValue(metric, entry.max)}), ${entry.count.toLocaleString()} ${entry.count === 1 ? 'reading' : 'readings'}${soFar}`;
}

function measurementText(entry: LogbookMeasurement): string {
  const values = new Map(entry.values.map((v) => [v.metric, v]));
  const systolic = values.get('bp_systolic');
  const diastolic = values.get('bp_diastolic');
  const parts: string[] = [];
  if (systolic !== undefined && diastolic !== undefined) {
    parts.push(`Blood pressure ${formatValue('bp_systolic', systolic.value)}/${formatValue('bp_diastolic', diastolic.value)} ${metricUnit('bp_systolic', systolic.unit)}`);
    values.delete('bp_systolic');
    values.delete('bp_diastolic');
    values.delete('bp_mean');
  }
  for (const v of values.values()) parts.push(`${metricLabel(v.metric)} ${shown(v.metric, v.value, v.unit)}`);
  const flags = [...new Set(entry.values.flatMap((v) => v.flags.filter((f) => NOTABLE_FLAGS.has(f))))].map((f) => f.replace(/_/g, ' '));
  return `${parts.join(', ')}${flags.length > 0 ? ` (${flags.join(', ')})` : ''} — ${deviceName(entry.device)}`;
}

function EntryText({ entry }: { readonly entry: LogbookEntry }) {
  switch (entry.kind) {
    case 'hour':
      return <>{hourText(entry)}</>;
    case 'measurement':
      return <>{measurementText(entry)}</>;
    case 'alert': {
      const by = entry.change === 'acknowledged' && entry.by !== undefined ? ` by ${entry.by}${entry.via !== undefined ? ` (${entry.via})` : ''}` : '';
      return (
        <>
          <strong class="log-alert">{`${ALERT_WORDS[entry.change]}${by}: `}</strong>
          {entry.title}
        </>
      );
    }
    case 'device':
      return <>{`${deviceName(entry.device)} ${DEVICE_WORDS[entry.event]}`}</>;
    default:
      // A kind an app added after this dashboard was built.
      return <>{(entry as { readonly kind: string }).kind.replace(/_/g, ' ')}</>;
  }
}

export function LogbookLine({ entry }: { readonly entry: LogbookEntry }) {
  const when = entry.kind === 'hour' ? `${formatTime(entry.ts)}–${formatTime(entry.ts + HOUR_MS)}` : formatTime(entry.ts);
  const severity = entry.kind === 'alert' ? ` severity-${entry.severity}` : '';
  return (
    <li class={`log-entry log-${entry.kind}${severity}`} data-kind={entry.kind} data-ts={entry.ts}>
      <time dateTime={new Date(entry.ts).toISOString()} title={formatMoment(entry.ts)}>
        {when}
      </time>
      <span class="log-text">
        <EntryText entry={entry} />
      </span>
    </li>
  );
}
