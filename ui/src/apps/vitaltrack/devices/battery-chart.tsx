import { useEffect, useRef } from 'preact/hooks';
import type { SeriesAnswer } from '../../../api/types.js';
import { toGappedColumns } from '../../../charts/gapped-series.js';
import { SeriesPlot } from '../../../charts/series-plot.js';
import { valueAxisRange } from '../../../charts/value-axis.js';
import { formatDateTime } from '../../../format/freshness.js';

const HOUR_MS = 3_600_000;

/** A device's battery over the last 30 days, drawn by the charts' own plot. */
export function BatteryChart({ answer }: { readonly answer: SeriesAnswer }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<SeriesPlot | undefined>(undefined);
  const first = answer.points[0];
  const last = answer.points[answer.points.length - 1];

  useEffect(() => {
    if (host.current === null) return;
    const made = new SeriesPlot(host.current, [{ metric: 'battery', label: 'Average' }], 'device-battery', () => undefined);
    plot.current = made;
    return () => {
      made.destroy();
      plot.current = undefined;
    };
  }, []);
  useEffect(() => {
    if (first === undefined || last === undefined) return;
    // At least an hour across, so two levels minutes apart still read as a line.
    const levels = answer.points.flatMap((p) => [p.min, p.max]);
    const axis = valueAxisRange(['battery'], Math.min(...levels), Math.max(...levels));
    plot.current?.show(toGappedColumns(answer), { from: Math.min(first.ts, last.ts - HOUR_MS), to: last.ts }, axis);
  }, [answer, first, last]);

  const words = first !== undefined && last !== undefined ? `Battery from ${Math.round(first.value)}% on ${formatDateTime(first.ts)} to ${Math.round(last.value)}% on ${formatDateTime(last.ts)}` : '';
  return (
    <figure class="chart battery-chart">
      <h2>Battery</h2>
      <div class="plot" role="img" aria-label={words} ref={host} />
      <figcaption class="chart-caption">{words}</figcaption>
    </figure>
  );
}
