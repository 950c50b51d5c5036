/** Chart colours come from the page's CSS variables, so light and dark themes stay in one place. */
export interface ChartColors {
  readonly line: string;
  readonly band: string;
  /** The second line of a chart of two (diastolic beside systolic). */
  readonly line2: string;
  readonly band2: string;
  readonly text: string;
  readonly grid: string;
  /** Shading for marked spans (a night's oxygen dips). */
  readonly mark: string;
}

export function chartColors(element: Element = document.documentElement): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    line: read('--chart-line', '#b4532a'),
    band: read('--chart-band', 'rgba(180, 83, 42, 0.15)'),
    line2: read('--chart-line-2', '#2f6690'),
    band2: read('--chart-band-2', 'rgba(47, 102, 144, 0.15)'),
    text: read('--text-muted', '#555'),
    grid: read('--grid', 'rgba(0, 0, 0, 0.08)'),
    mark: read('--chart-mark', 'rgba(176, 22, 27, 0.22)'),
  };
}
