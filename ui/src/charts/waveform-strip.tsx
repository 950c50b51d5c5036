import { useEffect, useRef } from 'preact/hooks';
import { chartColors } from './chart-colors.js';
import { WINDOW_S, type WaveformTrace } from './waveform-trace.js';

interface WaveformStripProps {
  readonly trace: WaveformTrace;
  readonly label: string;
  readonly hidden?: boolean;
}

/**
 * A scrolling strip of one waveform drawn on a canvas each frame while it is mounted: uPlot would
 * redraw axes 60 times a second for nothing, and a strip needs no axes, only the trace and a time grid.
 */
export function WaveformStrip({ trace, label, hidden = false }: WaveformStripProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let frame = 0;
    const draw = (): void => {
      frame = requestAnimationFrame(draw);
      if (canvas.current !== null) drawTrace(canvas.current, trace);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [trace]);
  return (
    <figure class="waveform" data-metric={trace.metric} data-end={trace.end} hidden={hidden}>
      <h2>{label}</h2>
      <canvas class="waveform-canvas" role="img" aria-label={`${label}, last ${WINDOW_S} seconds`} ref={canvas} />
    </figure>
  );
}

function drawTrace(canvas: HTMLCanvasElement, trace: WaveformTrace): void {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (width === 0 || height === 0) return;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const colors = chartColors();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = 1;
  for (let s = 0; s <= WINDOW_S; s++) {
    const x = Math.round((s / WINDOW_S) * width) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, height);
    ctx.stroke();
  }
  const start = trace.end - WINDOW_S * 1000;
  let low = Infinity;
  let high = -Infinity;
  for (const block of trace.blocks) {
    for (const v of block.samples) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  if (!Number.isFinite(low)) return;
  const span = high - low || 1;
  ctx.strokeStyle = colors.line;
  ctx.lineWidth = 1.5;
  for (const block of trace.blocks) {
    ctx.beginPath();
    let started = false;
    block.samples.forEach((v, i) => {
      const t = block.t0 + (i / block.rateHz) * 1000;
      if (t < start) return;
      const x = ((t - start) / (WINDOW_S * 1000)) * width;
      const y = height - 4 - ((v - low) / span) * (height - 8);
      if (started) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      started = true;
    });
    ctx.stroke();
  }
}
