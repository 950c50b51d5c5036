import { useEffect, useMemo, useRef } from 'preact/hooks';
import { metricUnit } from '../format/metric-format.js';
import type { VitalGroup } from '../format/vital-groups.js';
import { householdSettings } from '../state/settings.js';
import type { ChartTimeline } from './chart-timeline.js';
import type { TimeRange } from './time-range.js';
import { SeriesChartModel } from './series-chart-model.js';
import { SeriesPlot, type PlotLine } from './series-plot.js';

interface SeriesChartProps {
  readonly personId: string;
  /** A metric, or blood pressure's two pressures drawn as two lines. */
  readonly group: VitalGroup;
  /** The range shared by all the person's charts: a zoom here moves them all. */
  readonly timeline: ChartTimeline;
  /** Spans to shade behind the lines, and what they are, said under the chart ("3 dips of 3 % or more"). */
  readonly marks?: { readonly spans: readonly TimeRange[]; readonly label: string };
}

/** The lines a group draws: the metric's average alone, or "Systolic" and "Diastolic". */
function linesOf(group: VitalGroup): PlotLine[] {
  if (group.metrics.length === 1) return group.metrics.map((metric) => ({ metric, label: 'Average' }));
  return group.metrics.map((metric) => ({ metric, label: metric === 'bp_systolic' ? 'Systolic' : metric === 'bp_diastolic' ? 'Diastolic' : metric }));
}

/**
 * A zoomable chart of one person's metric: drag across the plot to zoom in, or use the buttons
 * from a keyboard; every chart of the person follows. The plot is made when the chart mounts and
 * destroyed when it unmounts.
 */
export function SeriesChart({ personId, group, timeline, marks }: SeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plotRef = useRef<SeriesPlot | undefined>(undefined);
  const key = group.metrics.join(' ');
  // One model while the group draws the same metrics, however often the page hands a new group object.
  const model = useMemo(() => new SeriesChartModel(personId, group.label, linesOf(group)), [personId, key]);

  useEffect(() => {
    if (host.current === null) return;
    const plot = new SeriesPlot(host.current, model.lines, `person:${personId}`, (dragged) => timeline.zoomTo(dragged));
    model.attach(plot);
    plotRef.current = plot;
    return () => {
      plotRef.current = undefined;
      model.detach();
      plot.destroy();
    };
  }, [model, personId, timeline]);
  // After the plot's own effect, whenever that made a new plot, as well as when the marks change.
  useEffect(() => plotRef.current?.mark(marks?.spans ?? []), [model, personId, timeline, marks]);

  // A new range (any chart's zoom, the page's buttons), units or clock format: the chart loads again.
  const range = timeline.range.value;
  const settings = householdSettings.value;
  useEffect(() => void model.load(range), [model, range, settings]);

  const shown = model.shown.value;
  const unit = metricUnit(group.metrics[0] ?? '');
  return (
    <figure
      class="chart"
      data-metric={group.id}
      data-lines={group.metrics.length}
      aria-busy={model.busy.value ? 'true' : undefined}
      data-resolution={shown?.resolution}
      data-from={shown?.range.from}
      data-to={shown?.range.to}
      data-points={shown?.points}
      data-gaps={shown?.gaps}
      data-axis-min={shown?.axis[0]}
      data-axis-max={shown?.axis[1]}
      data-marks={marks?.spans.length}
    >
      <div class="chart-head">
        <h2>
          {group.label}
          {unit !== '' && <span class="muted">{` (${unit})`}</span>}
        </h2>
        <div class="chart-tools">
          <button type="button" class="small" onClick={() => timeline.zoomIn()}>
            Zoom in
          </button>
          <button type="button" class="small" onClick={() => timeline.zoomOut()}>
            Zoom out
          </button>
        </div>
      </div>
      <div class="plot" role="img" aria-label={shown?.plotLabel} ref={host} />
      <figcaption class="chart-caption">
        {shown?.caption}
        {marks !== undefined && marks.spans.length > 0 && ` · shaded: ${marks.label}`}
      </figcaption>
      <p class="chart-summary" role="status">
        {model.message.value !== '' ? model.message.value : shown?.summary}
      </p>
    </figure>
  );
}
