import { useComputed, type ReadonlySignal } from '@preact/signals';
import type { ComponentChild } from 'preact';
import type { LatestValue, NormalRange } from '../../../api/types.js';
import { Age } from '../../../components/age.js';
import { formatPressure, newestPressure } from '../../../format/blood-pressure.js';
import { formatMoment } from '../../../format/freshness.js';
import { formatValue, metricLabel, metricUnit, staleAfterMs } from '../../../format/metric-format.js';
import { lowerFirst, outOfRange, outOfRangeText, type OutOfRange } from '../../../format/normal-range.js';
import { BLOOD_PRESSURE, type VitalGroup } from '../../../format/vital-groups.js';
import { now } from '../../../state/clock.js';

/** Whose vitals these are, and how much a vital says about its range. */
export interface VitalContext {
  readonly personName: string;
  /** The person's normal ranges by metric, as the hub serves them. */
  readonly ranges: Readonly<Record<string, NormalRange | undefined>>;
  /**
   * A person's page says under each vital its ranges and where they come from (and a flag names
   * whose range it is); a tile only flags a value outside its range.
   */
  readonly explain?: (checks: readonly RangeCheck[]) => ComponentChild;
}

/** One pressure or value checked against its range; `part` names it inside a vital of two ("Systolic"). */
export interface RangeCheck {
  readonly metric: string;
  readonly part?: string;
  readonly value: number;
  readonly range: NormalRange | undefined;
  readonly side: OutOfRange | undefined;
}

function check(metric: string, value: number, context: VitalContext, part?: string): RangeCheck {
  const range = context.ranges[metric];
  return { metric, value, range, side: outOfRange(value, range), ...(part !== undefined ? { part } : {}) };
}

/** A person's vital of one group: blood pressure's two pressures together, any other metric alone. */
export function GroupVital({ group, values, context }: { readonly group: VitalGroup; readonly values: ReadonlyMap<string, ReadonlySignal<LatestValue>>; readonly context: VitalContext }) {
  if (group.id === BLOOD_PRESSURE) return <BloodPressureVital systolic={values.get('bp_systolic')} diastolic={values.get('bp_diastolic')} context={context} />;
  const metric = group.metrics[0];
  const latest = metric === undefined ? undefined : values.get(metric);
  return metric === undefined || latest === undefined ? null : <Vital metric={metric} latest={latest} context={context} />;
}

interface VitalProps {
  readonly metric: string;
  readonly latest: ReadonlySignal<LatestValue>;
  readonly context: VitalContext;
}

/**
 * One vital: label, value with unit, its age, and a flag when it lies outside the person's normal
 * range. It draws again when its own value changes, and greys out once the value is older than the
 * metric is expected to be.
 */
export function Vital({ metric, latest, context }: VitalProps) {
  const { value, ts, unit } = latest.value;
  return (
    <VitalFrame
      id={metric}
      label={metricLabel(metric)}
      value={formatValue(metric, value)}
      unit={metricUnit(metric, unit)}
      ts={ts}
      staleAfter={staleAfterMs(metric)}
      checks={[check(metric, value, context)]}
      context={context}
    />
  );
}

interface BloodPressureProps {
  readonly systolic: ReadonlySignal<LatestValue> | undefined;
  readonly diastolic: ReadonlySignal<LatestValue> | undefined;
  readonly context: VitalContext;
}

/** Blood pressure as one vital, "134/86 mmHg": the two pressures of the newest measurement, each checked against its range. */
export function BloodPressureVital({ systolic, diastolic, context }: BloodPressureProps) {
  const reading = newestPressure(systolic?.value, diastolic?.value);
  if (reading === undefined) return null;
  const checks: RangeCheck[] = [];
  if (reading.systolic !== undefined) checks.push(check('bp_systolic', reading.systolic.value, context, 'Systolic'));
  if (reading.diastolic !== undefined) checks.push(check('bp_diastolic', reading.diastolic.value, context, 'Diastolic'));
  return (
    <VitalFrame
      id={BLOOD_PRESSURE}
      label="Blood pressure"
      value={formatPressure(reading)}
      unit={metricUnit('bp_systolic')}
      ts={reading.ts}
      staleAfter={staleAfterMs('bp_systolic')}
      checks={checks}
      context={context}
    />
  );
}

interface FrameProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly unit: string;
  readonly ts: number;
  readonly staleAfter: number;
  readonly checks: readonly RangeCheck[];
  readonly context: VitalContext;
}

function VitalFrame({ id, label, value, unit, ts, staleAfter, checks, context }: FrameProps) {
  const stale = useComputed(() => now.value - ts > staleAfter);
  const outside = checks.filter((c) => c.side !== undefined);
  const classes = ['vital', stale.value ? 'stale' : '', outside.length > 0 ? 'out-of-range' : ''].filter((c) => c !== '').join(' ');
  return (
    <div class={classes} data-metric={id} data-value-ts={ts} data-out-of-range={outside.map((c) => `${c.metric}:${c.side ?? ''}`).join(' ') || undefined}>
      <span class="vital-label">{label}</span>
      <span class="vital-value">
        <span class="value">{value}</span>
        {unit !== '' && <span class="unit">{` ${unit}`}</span>}
      </span>
      {outside.map((c) => (
        <RangeFlag key={c.metric} check={c} context={context} />
      ))}
      {context.explain?.(checks)}
      <Age ts={ts} class="age" title={formatMoment(ts)} />
    </div>
  );
}

/** The flag is an arrow and words, never a colour alone. */
function RangeFlag({ check: c, context }: { readonly check: RangeCheck; readonly context: VitalContext }) {
  if (c.side === undefined || c.range === undefined) return null;
  const text = outOfRangeText(c.metric, c.side, c.range, context.explain !== undefined ? context.personName : undefined);
  return (
    <span class="vital-flag" data-side={c.side}>
      <span class="flag-icon" aria-hidden="true">
        {c.side === 'above' ? '▲' : '▼'}
      </span>
      {c.part !== undefined ? ` ${c.part}: ${lowerFirst(text)}` : ` ${text}`}
    </span>
  );
}
