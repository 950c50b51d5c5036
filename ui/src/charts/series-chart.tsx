import { useEffect, useMemo, useRef } from 'preact/hooks';
import { metricLabel, metricUnit } from '../format/metric-format.js';
import { householdSettings } from '../state/settings.js';
import { SeriesChartModel } from './series-chart-model.js';
import { SeriesPlot } from './series-plot.js';
import type { TimeRange } from './time-range.js';

interface SeriesChartProps {
  readonly personId: string;
  readonly metric: string;
  /** The page's range; a new one (a new object) starts the chart's zoom again from it. */
  readonly range: TimeRange;
}

/**
 * A zoomable chart of one person's metric: drag across the plot to zoom in, or use the buttons
 * from a keyboard. The plot is made when the chart mounts and destroyed when it unmounts.
 */
export function SeriesChart({ personId, metric, range }: SeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const model = useMemo(() => new SeriesChartModel(personId, metric), [personId, metric]);

  useEffect(() => {
    if (host.current === null) return;
    const plot = new SeriesPlot(host.current, metric, (dragged) => model.zoomTo(dragged));
    model.attach(plot);
    return () => {
      model.detach();
      plot.destroy();
    };
  }, [model, metric]);

  // Units and the clock format change what is drawn: the chart loads again in the new ones.
  const settings = householdSettings.value;
  useEffect(() => model.showRange(range), [model, range, settings]);

  const shown = model.shown.value;
  const unit = metricUnit(metric);
  return (
    <figure
      class="chart"
      data-metric={metric}
      aria-busy={model.busy.value ? 'true' : undefined}
      data-resolution={shown?.resolution}
      data-from={shown?.range.from}
      data-to={shown?.range.to}
      data-points={shown?.points}
      data-gaps={shown?.gaps}
    >
      <div class="chart-head">
        <h2>
          {metricLabel(metric)}
          {unit !== '' && <span class="muted">{` (${unit})`}</span>}
        </h2>
        <div class="chart-tools">
          <button type="button" class="small" onClick={() => model.zoomIn()}>
            Zoom in
          </button>
          <button type="button" class="small" onClick={() => model.zoomOut()}>
            Zoom out
          </button>
        </div>
      </div>
      <div class="plot" role="img" aria-label={shown?.plotLabel} ref={host} />
      <figcaption class="chart-caption">{shown?.caption}</figcaption>
      <p class="chart-summary" role="status">
        {model.message.value !== '' ? model.message.value : shown?.summary}
      </p>
    </figure>
  );
}
