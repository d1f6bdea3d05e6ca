import { BLUE, ORANGE, probabilityToScale } from './colors.js';
import { Heatmap } from './heatmap.js';

/** The plane the 2-D data sets live in: x1, x2 ∈ [−EXTENT, EXTENT]. */
export const EXTENT = 6;

/** The points drawn over the boundary: raw 2-D inputs (before features) and their labels. */
export interface PlotPoints {
  train: { inputs: number[][]; labels: number[] };
  test: { inputs: number[][]; labels: number[] };
}

/**
 * The output panel's canvas: the score of class 1 over the plane as a heat-map (drawn once per snapshot from a
 * gridSize² ImageData scaled up), the training points filled and the test points outlined (drawn once per data set
 * onto a layer of their own).
 */
export class BoundaryView {
  private readonly context: CanvasRenderingContext2D;
  private readonly heatmap = new Heatmap(50);
  /** The points of the last draw, pre-drawn (drawing 500 circles every frame would cost more than the rest). */
  private layer: { points: PlotPoints; canvas: HTMLCanvasElement } | undefined;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const context = canvas.getContext('2d');
    if (!context) throw new Error('BoundaryView: #boundary gives no 2-D canvas context');
    this.context = context;
  }

  /**
   * Draws the boundary (the score of class 1 per grid cell, row-major from the top-left, x2 = +6 at the top) and
   * the points; a point (x1, x2) sits at ((x1 + 6)/12 · width, (6 − x2)/12 · height). With no boundary (a data set
   * without a 2-D plane) it writes a short note instead.
   */
  draw(boundary: Float32Array, gridSize: number, points: PlotPoints | undefined, note?: string): void {
    const { context, canvas } = this;
    const { width, height } = canvas;
    context.clearRect(0, 0, width, height);
    if (boundary.length === 0 || gridSize === 0 || !points) {
      context.fillStyle = '#f3f3f3';
      context.fillRect(0, 0, width, height);
      context.fillStyle = '#666';
      context.font = '13px system-ui, sans-serif';
      context.textAlign = 'center';
      context.fillText(note ?? 'No 2-D input plane to draw', width / 2, height / 2);
      return;
    }
    this.heatmap.paint(boundary, gridSize, probabilityToScale);
    context.imageSmoothingEnabled = true;
    context.drawImage(this.heatmap.canvas, 0, 0, width, height);
    context.drawImage(this.pointsLayer(points), 0, 0);
  }

  /** The points drawn once onto a transparent canvas of the view's size, redrawn only when `points` changes. */
  private pointsLayer(points: PlotPoints): HTMLCanvasElement {
    if (this.layer?.points === points) return this.layer.canvas;
    const canvas = document.createElement('canvas');
    canvas.width = this.canvas.width;
    canvas.height = this.canvas.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('BoundaryView: this browser gives no 2-D canvas context');
    const { width, height } = canvas;
    const toX = (x1: number) => ((x1 + EXTENT) / (2 * EXTENT)) * width;
    const toY = (x2: number) => ((EXTENT - x2) / (2 * EXTENT)) * height;
    context.lineWidth = 1;
    for (let i = 0; i < points.train.inputs.length; i++) {
      const [x1, x2] = points.train.inputs[i];
      context.beginPath();
      context.arc(toX(x1), toY(x2), 3.2, 0, 2 * Math.PI);
      context.fillStyle = points.train.labels[i] === 1 ? BLUE : ORANGE;
      context.strokeStyle = '#fff';
      context.fill();
      context.stroke();
    }
    for (let i = 0; i < points.test.inputs.length; i++) {
      const [x1, x2] = points.test.inputs[i];
      context.beginPath();
      context.arc(toX(x1), toY(x2), 3.2, 0, 2 * Math.PI);
      context.lineWidth = 2;
      context.strokeStyle = points.test.labels[i] === 1 ? BLUE : ORANGE;
      context.stroke();
      context.lineWidth = 0.6;
      context.strokeStyle = 'rgba(0, 0, 0, 0.45)';
      context.beginPath();
      context.arc(toX(x1), toY(x2), 4.4, 0, 2 * Math.PI);
      context.stroke();
    }
    this.layer = { points, canvas };
    return canvas;
  }
}
