import { effect } from '@preact/signals';
import type uPlot from 'uplot';
import { drawnDark } from '../state/theme.js';

/**
 * What every uPlot chart needs of the element it draws into: fitted to its width when that
 * changes, and drawn anew in the page's colours when the theme changes (uPlot takes its colours
 * when it is made). Returns what stops both.
 */
export function followHost(host: HTMLElement, plot: () => uPlot | undefined, height: number, redraw: () => void): () => void {
  const resize = new ResizeObserver(() => {
    const shown = plot();
    const width = host.clientWidth;
    if (shown !== undefined && width > 0 && Math.abs(shown.width - width) > 1) shown.setSize({ width, height });
  });
  resize.observe(host);
  let first = true;
  const stopTheme = effect(() => {
    void drawnDark.value;
    if (!first) redraw();
    first = false;
  });
  return () => {
    resize.disconnect();
    stopTheme();
  };
}
