import type { LossPoint } from '../engine/session.js';

/**
 * The loss chart: train loss (grey) and test loss (black) against the iteration, the y axis from 0 to the largest
 * finite loss seen, redrawn only when the history grows.
 */
export class LossChart {
  private readonly context: CanvasRenderingContext2D;
  private drawnLength = -1;
  private drawnLast = Number.NaN;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const context = canvas.getContext('2d');
    if (!context) throw new Error('LossChart: #loss-chart gives no 2-D canvas context');
    this.context = context;
  }

  /**
   * Plots the history: x = (iteration − first)/(last − first) · width, y = height − loss/max · height, where max is
   * the largest finite train or test loss in the history.
   */
  draw(history: readonly LossPoint[]): void {
    const last = history.length > 0 ? history[history.length - 1].iteration : Number.NaN;
    if (history.length === this.drawnLength && Object.is(last, this.drawnLast)) return;
    this.drawnLength = history.length;
    this.drawnLast = last;
    const { context, canvas } = this;
    const { width, height } = canvas;
    context.clearRect(0, 0, width, height);
    context.strokeStyle = '#e5e5e5';
    context.lineWidth = 1;
    context.strokeRect(0.5, 0.5, width - 1, height - 1);
    if (history.length < 2) return;
    let max = 0;
    for (const point of history) {
      if (Number.isFinite(point.train)) max = Math.max(max, point.train);
      if (Number.isFinite(point.test)) max = Math.max(max, point.test);
    }
    if (max <= 0) max = 1;
    const first = history[0].iteration;
    const span = Math.max(1, last - first);
    const pad = 4;
    // At most one point per pixel column: the history can hold far more points than the chart has columns.
    const stride = Math.max(1, Math.floor(history.length / (width - 2 * pad)));
    const indices: number[] = [];
    for (let i = 0; i < history.length; i += stride) indices.push(i);
    if (indices[indices.length - 1] !== history.length - 1) indices.push(history.length - 1);
    const plot = (pick: (p: LossPoint) => number, color: string) => {
      context.beginPath();
      let started = false;
      for (const i of indices) {
        const point = history[i];
        const value = pick(point);
        if (!Number.isFinite(value)) continue;
        const x = pad + ((point.iteration - first) / span) * (width - 2 * pad);
        const y = height - pad - (Math.min(value, max) / max) * (height - 2 * pad);
        if (started) context.lineTo(x, y);
        else context.moveTo(x, y);
        started = true;
      }
      context.strokeStyle = color;
      context.lineWidth = 1.5;
      context.stroke();
    };
    plot((p) => p.train, '#999');
    plot((p) => p.test, '#222');
    context.fillStyle = '#666';
    context.font = '10px system-ui, sans-serif';
    context.textAlign = 'left';
    context.fillText(max.toPrecision(3), pad + 2, pad + 9);
  }

  /** Forgets what was drawn (after a reset the next history is drawn even if it has the same length). */
  invalidate(): void {
    this.drawnLength = -1;
  }
}
