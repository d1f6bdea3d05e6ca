/**
 * @bpnet/plot: seeing training. Training histories as self-contained SVG pictures, sparklines for the terminal,
 * a progress reporter for the trainer's `onProgress`, and confusion matrices as text tables.
 * @module @bpnet/plot
 * @packageDocumentation
 */
export { historySvg } from './history-svg.js';
export type { HistorySvgOptions } from './history-svg-options.js';
export type { PlottableHistory } from './plottable-history.js';
export { sparkline, SPARKLINE_BLOCKS } from './sparkline.js';
export { formatConfusionMatrix } from './format-confusion-matrix.js';
export { createProgressReporter } from './create-progress-reporter.js';
export type { ProgressReporterOptions, ProgressStream } from './progress-reporter-options.js';
export { formatDuration } from './format-duration.js';
export { niceStep, niceTicks, stepDecimals } from './nice-ticks.js';
export { logTicks } from './log-ticks.js';
export { formatTick } from './format-tick.js';
export { downsampleMinMax, type IndexedValue } from './downsample-min-max.js';
export { exponentialMovingAverage } from './exponential-moving-average.js';
export { escapeXml } from './escape-xml.js';
