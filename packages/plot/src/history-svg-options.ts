/** Options of {@link historySvg} and {@link "@bpnet/plot/node"!writeHistorySvg | writeHistorySvg}. */
export interface HistorySvgOptions {
  /** Width of the picture in pixels, at least 200; default 800. */
  readonly width?: number;
  /** Height of the picture in pixels, at least 150; default 600 (the loss panel alone uses all of it). */
  readonly height?: number;
  /** A title printed above the panels (any text: it is escaped). */
  readonly title?: string;
  /**
   * Draw the loss on a logarithmic y axis (ticks at 1, 2, 5 × 10^k, or at powers of ten over three decades and
   * more). Values ≤ 0 cannot be drawn there; they are skipped and counted in the legend. Default false (linear).
   */
  readonly logScale?: boolean;
  /**
   * The window, in iterations, of the exponential moving average drawn over the loss (α = 2 / (window + 1), see
   * {@link exponentialMovingAverage}); default max(5, round(iterations / 50)). 1 draws the raw loss again.
   */
  readonly smoothingWindow?: number;
}
