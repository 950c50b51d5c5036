import type { WaveformBlock } from '../api/types.js';
import { h } from '../dom.js';
import { chartColors } from './chart-colors.js';

/** Seconds of signal on screen, like a bedside monitor's sweep. */
const WINDOW_S = 8;

/**
 * A scrolling strip of one waveform (ECG or pleth) drawn on a canvas: uPlot would redraw axes
 * 60 times a second for nothing, and a strip needs no axes, only the trace and a time grid.
 */
export class WaveformStrip {
  readonly element: HTMLElement;
  private readonly canvas = h('canvas', { class: 'waveform-canvas' });
  private blocks: WaveformBlock[] = [];
  private frame = 0;
  /** End of the newest block: the strip follows the device's own time, so a phone with a wrong clock still draws it. */
  private latestEnd = 0;

  constructor(readonly metric: 'ecg' | 'pleth', label: string) {
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', `${label}, last ${WINDOW_S} seconds`);
    this.element = h('figure', { class: 'waveform', 'data-metric': metric }, h('h3', {}, label), this.canvas);
    this.frame = requestAnimationFrame(() => this.draw());
  }

  add(blocks: readonly WaveformBlock[]): void {
    for (const block of blocks) {
      if (this.blocks.some((b) => b.t0 === block.t0 && b.deviceId === block.deviceId)) continue;
      this.blocks.push(block);
      this.latestEnd = Math.max(this.latestEnd, block.t0 + (block.samples.length / block.rateHz) * 1000);
    }
    const horizon = this.latestEnd - WINDOW_S * 2000;
    this.blocks = this.blocks.filter((b) => b.t0 + (b.samples.length / b.rateHz) * 1000 > horizon).sort((a, b) => a.t0 - b.t0);
  }

  get end(): number {
    return this.latestEnd;
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
  }

  private draw(): void {
    this.frame = requestAnimationFrame(() => this.draw());
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (width === 0 || height === 0) return;
    if (this.canvas.width !== Math.round(width * ratio)) this.canvas.width = Math.round(width * ratio);
    if (this.canvas.height !== Math.round(height * ratio)) this.canvas.height = Math.round(height * ratio);
    const ctx = this.canvas.getContext('2d');
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
    const end = this.latestEnd;
    const start = end - WINDOW_S * 1000;
    let low = Infinity;
    let high = -Infinity;
    for (const block of this.blocks) {
      for (const v of block.samples) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    if (!Number.isFinite(low)) return;
    const span = high - low || 1;
    ctx.strokeStyle = colors.line;
    ctx.lineWidth = 1.5;
    for (const block of this.blocks) {
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
}
