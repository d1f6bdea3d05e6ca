import { paintGrid } from './colors.js';

/**
 * A small canvas with one pixel per grid cell, repainted through one reused ImageData (no allocation per frame);
 * CSS scales it to its displayed size.
 */
export class Heatmap {
  readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private image: ImageData;

  constructor(size: number) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = size;
    this.canvas.height = size;
    const context = this.canvas.getContext('2d');
    if (!context) throw new Error('Heatmap: this browser gives no 2-D canvas context');
    this.context = context;
    this.image = context.createImageData(size, size);
  }

  /** Paints `values` (size² of them, row-major from the top-left) through `scale` onto the orange–white–blue scale. */
  paint(values: ArrayLike<number>, size: number, scale?: (v: number) => number): void {
    if (size <= 0 || values.length !== size * size) return;
    if (this.image.width !== size) {
      this.canvas.width = size;
      this.canvas.height = size;
      this.image = this.context.createImageData(size, size);
    }
    paintGrid(this.image, values, size, scale);
    this.context.putImageData(this.image, 0, 0);
  }

  /** Fills the whole canvas with one colour (for networks without a 2-D input plane). */
  fill(color: string): void {
    this.context.fillStyle = color;
    this.context.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }
}
