import { countPhrase } from './count-phrase.js';
import { downsampleMinMax } from './downsample-min-max.js';
import { escapeXml } from './escape-xml.js';
import { exponentialMovingAverage } from './exponential-moving-average.js';
import { formatTick } from './format-tick.js';
import type { HistorySvgOptions } from './history-svg-options.js';
import { logTicks } from './log-ticks.js';
import { niceStep, niceTicks } from './nice-ticks.js';
import type { PlottableHistory } from './plottable-history.js';
import { type PanelSeries, type PanelTick, plotArea, renderPanel } from './render-panel.js';
import { svgNumber } from './svg-number.js';

const COLORS = {
  loss: '#1f77b4',
  validationLoss: '#ff7f0e',
  accuracy: '#2ca02c',
  validationAccuracy: '#d62728',
} as const;
/** Per-epoch series up to this many points get a dot on every point. */
const MARKER_LIMIT = 100;

/**
 * A training history as a self-contained SVG document (no fonts, scripts, styles or links to fetch): a loss panel
 * and, when the history has accuracies, an accuracy panel below it, both against the iteration number.
 *
 * - Loss panel: the loss of every iteration as a faint line, and over it the loss smoothed by a trailing
 *   exponential moving average (α = 2 / (window + 1), bias-corrected; window `smoothingWindow`, by default
 *   max(5, round(iterations / 50)) iterations — see {@link exponentialMovingAverage}); the validation loss, when
 *   given, at iterations 0, E, 2E, …. The y axis is linear and spans the data rounded out to whole tick steps, or
 *   logarithmic with `logScale`.
 * - Accuracy panel: the training accuracy and the validation accuracy, recorded at iterations 0, E, 2E, … (E =
 *   `iterationsPerEpoch`), on a y axis from 0 to 1.
 *
 * Ticks are 1, 2 or 5 × 10^k apart ({@link niceTicks}); each panel has axis titles and a legend. Long series are
 * reduced to the minimum and the maximum of each pixel column ({@link downsampleMinMax}), so a million iterations
 * draw the same envelope as the full series in a file of some tens of kilobytes. NaN and ±Infinity (and, on a log
 * axis, values ≤ 0) are not drawn; the legend says how many were left out ("3 non-finite values not drawn"). A
 * history with no values at all gives a picture that says "no data".
 *
 * @throws RangeError for a width under 200, a height under 150, a non-positive `iterationsPerEpoch` or a
 * `smoothingWindow` under 1.
 */
export function historySvg(history: PlottableHistory, options: HistorySvgOptions = {}): string {
  const width = checkSize(options.width ?? 800, 200, 'width');
  const height = checkSize(options.height ?? 600, 150, 'height');
  const loss = history.loss ?? [];
  const validationLoss = history.validationLoss ?? [];
  const accuracy = history.accuracy ?? [];
  const validationAccuracy = history.validationAccuracy ?? [];
  const lossEvery = checkStride(history.lossEvery, 'lossEvery');
  /** Iterations between two kept per-epoch values. */
  const iterationsPerEpoch = resolveRecordSpacing(
    history,
    loss.length * lossEvery,
    checkStride(history.epochEvery, 'epochEvery'),
  );
  const title = options.title;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 ` +
      `0 ${width} ${height}" font-family="sans-serif" font-size="11" fill="#222222">`,
    `<title>${escapeXml(title ?? 'training history')}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  const titleHeight = title === undefined ? 4 : 32;
  if (title !== undefined) {
    parts.push(
      `<text x="${svgNumber(width / 2)}" y="22" text-anchor="middle" ` +
        `font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    );
  }

  const hasLossPanel = loss.length > 0 || validationLoss.length > 0;
  const hasAccuracyPanel = accuracy.length > 0 || validationAccuracy.length > 0;
  if (!hasLossPanel && !hasAccuracyPanel) {
    parts.push(
      `<text x="${svgNumber(width / 2)}" y="${svgNumber((height + titleHeight) / 2)}" ` +
        `text-anchor="middle" font-size="14" fill="#666666">no data</text>`,
    );
    parts.push('</svg>');
    return `${parts.join('\n')}\n`;
  }

  const lastIteration = Math.max(
    (loss.length - 1) * lossEvery,
    (validationLoss.length - 1) * iterationsPerEpoch,
    (accuracy.length - 1) * iterationsPerEpoch,
    (validationAccuracy.length - 1) * iterationsPerEpoch,
  );
  const xDomain: [number, number] = [0, Math.max(1, lastIteration)];
  const available = height - titleHeight;
  const lossHeight = hasLossPanel ? (hasAccuracyPanel ? Math.round(available * 0.58) : available) : 0;
  const accuracyHeight = available - lossHeight;
  const box = (top: number, panelHeight: number) => ({ left: 0, top, width, height: panelHeight });
  const xTicks = iterationTicks(xDomain[1], plotArea(box(0, 200)).width);

  if (hasLossPanel) {
    const panelBox = box(titleHeight, lossHeight);
    const area = plotArea(panelBox);
    const buckets = Math.max(1, Math.round(area.width));
    const logScale = options.logScale === true;
    const drawable = (values: ArrayLike<number>) =>
      Array.from(values, (value) => (Number.isFinite(value) && (!logScale || value > 0) ? value : Number.NaN));
    const onScale = (values: readonly number[]) => (logScale ? values.map(Math.log10) : values);
    const drawnLoss = drawable(loss);
    const drawnValidationLoss = drawable(validationLoss);
    const window = options.smoothingWindow ?? Math.max(5, Math.round(loss.length / 50));
    const smoothed = exponentialMovingAverage(drawnLoss, window);

    let minimum = Infinity;
    let maximum = -Infinity;
    for (const values of [drawnLoss, drawnValidationLoss]) {
      for (const value of values) {
        if (Number.isNaN(value)) continue;
        if (value < minimum) minimum = value;
        if (value > maximum) maximum = value;
      }
    }
    const axis = logScale ? logAxis(minimum, maximum, area.height) : linearAxis(minimum, maximum, area.height);

    const series: PanelSeries[] = [];
    if (loss.length > 0) {
      series.push({
        label: 'loss per iteration',
        color: COLORS.loss,
        strokeWidth: 1,
        opacity: 0.3,
        points: toPoints(onScale(drawnLoss), lossEvery, buckets),
      });
      if (loss.length > 1) {
        series.push({
          label: `loss smoothed (EMA, window ${window})`,
          color: COLORS.loss,
          strokeWidth: 2,
          points: toPoints(onScale(smoothed), lossEvery, buckets),
        });
      }
    }
    if (validationLoss.length > 0) {
      series.push({
        label: 'validation loss',
        color: COLORS.validationLoss,
        strokeWidth: 1.5,
        markers: validationLoss.length <= MARKER_LIMIT,
        points: toPoints(onScale(drawnValidationLoss), iterationsPerEpoch, buckets),
      });
    }
    const notes: string[] = [];
    const nonFinite =
      countWhere(loss, (value) => !Number.isFinite(value)) +
      countWhere(validationLoss, (value) => !Number.isFinite(value));
    if (nonFinite > 0) notes.push(`${countPhrase(nonFinite, 'non-finite value', 'non-finite values')} not drawn`);
    if (logScale) {
      const nonPositive =
        countWhere(loss, (value) => Number.isFinite(value) && value <= 0) +
        countWhere(validationLoss, (value) => Number.isFinite(value) && value <= 0);
      if (nonPositive > 0) notes.push(`${countPhrase(nonPositive, 'value', 'values')} ≤ 0 not drawn (log scale)`);
    }
    parts.push(
      renderPanel({
        ...panelBox,
        xDomain,
        yDomain: axis.domain,
        xTicks,
        yTicks: axis.ticks,
        xTitle: 'iteration',
        yTitle: logScale ? 'loss (log scale)' : 'loss',
        series,
        notes,
        legendCorner: 'top-right',
      }),
    );
  }

  if (hasAccuracyPanel) {
    const panelBox = box(titleHeight + lossHeight, accuracyHeight);
    const area = plotArea(panelBox);
    const buckets = Math.max(1, Math.round(area.width));
    const series: PanelSeries[] = [];
    const perEpoch = (label: string, color: string, values: ArrayLike<number>) => {
      if (values.length > 0) {
        series.push({
          label,
          color,
          strokeWidth: 1.5,
          markers: values.length <= MARKER_LIMIT,
          points: toPoints(Array.from(values), iterationsPerEpoch, buckets),
        });
      }
    };
    perEpoch('training accuracy', COLORS.accuracy, accuracy);
    perEpoch('validation accuracy', COLORS.validationAccuracy, validationAccuracy);
    const nonFinite =
      countWhere(accuracy, (value) => !Number.isFinite(value)) +
      countWhere(validationAccuracy, (value) => !Number.isFinite(value));
    const yStep = niceStep(1, Math.max(2, Math.floor(area.height / 35)));
    parts.push(
      renderPanel({
        ...panelBox,
        xDomain,
        yDomain: [0, 1],
        xTicks,
        yTicks: niceTicks(0, 1, Math.round(1 / yStep)).map((tick) => ({
          position: tick,
          label: formatTick(tick, yStep),
        })),
        xTitle: 'iteration',
        yTitle: 'accuracy',
        series,
        notes: nonFinite > 0 ? [`${countPhrase(nonFinite, 'non-finite value', 'non-finite values')} not drawn`] : [],
        legendCorner: 'bottom-right',
      }),
    );
  }

  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function checkSize(value: number, minimum: number, name: string): number {
  if (!Number.isFinite(value) || value < minimum)
    throw new RangeError(`historySvg: ${name} must be a number of at least ${minimum} pixels, got ${value}`);
  return value;
}

/** A history's `lossEvery` or `epochEvery`: a positive integer, 1 when absent. @throws RangeError otherwise. */
function checkStride(value: number | undefined, name: string): number {
  if (value === undefined) return 1;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`historySvg: ${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * The iterations between two kept per-epoch records: `iterationsPerEpoch` × `epochEvery`, or, without
 * `iterationsPerEpoch`, estimated as ⌈iterations / records⌉.
 */
function resolveRecordSpacing(history: PlottableHistory, iterations: number, epochEvery: number): number {
  const given = history.iterationsPerEpoch;
  if (given !== undefined) {
    if (!Number.isFinite(given) || given <= 0)
      throw new RangeError(`historySvg: iterationsPerEpoch must be a positive number, got ${given}`);
    return given * epochEvery;
  }
  const records = Math.max(
    history.accuracy?.length ?? 0,
    history.validationAccuracy?.length ?? 0,
    history.validationLoss?.length ?? 0,
  );
  return records > 0 && iterations > 0 ? Math.max(1, Math.ceil(iterations / records)) : 1;
}

/** The points of a series whose k-th value belongs to iteration k × spacing, reduced to ≤ 2 per pixel column. */
function toPoints(values: readonly number[], spacing: number, buckets: number): { x: number; y: number }[] {
  return downsampleMinMax(values, buckets).map((point) => ({ x: point.index * spacing, y: point.value }));
}

function countWhere(values: ArrayLike<number>, predicate: (value: number) => boolean): number {
  let count = 0;
  for (let index = 0; index < values.length; index++) if (predicate(values[index])) count++;
  return count;
}

/** Integer ticks of the iteration axis, about one per 90 pixels. */
function iterationTicks(lastIteration: number, plotWidth: number): PanelTick[] {
  const ticks = niceTicks(0, lastIteration, Math.max(2, Math.floor(plotWidth / 90))).filter(Number.isInteger);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  return ticks.map((tick) => ({ position: tick, label: formatTick(tick, step) }));
}

/** A linear axis over [minimum, maximum] widened to whole tick steps, with about one tick per 40 pixels. */
function linearAxis(
  minimum: number,
  maximum: number,
  plotHeight: number,
): { domain: [number, number]; ticks: PanelTick[] } {
  if (!Number.isFinite(minimum)) return linearAxis(0, 1, plotHeight); // nothing drawable
  if (minimum === maximum) {
    const pad = minimum === 0 ? 1 : Math.abs(minimum) * 0.1;
    return linearAxis(minimum - pad, maximum + pad, plotHeight);
  }
  const step = niceStep(maximum - minimum, Math.max(2, Math.floor(plotHeight / 40)));
  const low = Math.floor(minimum / step + 1e-9) * step;
  const high = Math.ceil(maximum / step - 1e-9) * step;
  const ticks = niceTicks(low, high, Math.round((high - low) / step));
  return { domain: [low, high], ticks: ticks.map((tick) => ({ position: tick, label: formatTick(tick, step) })) };
}

/** A log10 axis over whole decades around [minimum, maximum]; positions are log10 of the values. */
function logAxis(
  minimum: number,
  maximum: number,
  plotHeight: number,
): { domain: [number, number]; ticks: PanelTick[] } {
  if (!Number.isFinite(minimum)) return logAxis(0.1, 1, plotHeight);
  let low = Math.floor(Math.log10(minimum) + 1e-9);
  let high = Math.ceil(Math.log10(maximum) - 1e-9);
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const ticks = logTicks(Number(`1e${low}`), Number(`1e${high}`), Math.max(2, Math.floor(plotHeight / 30)));
  // One style per axis: when some tick needs the exponent form (below 10^−4 or from 10^6), all of them get it.
  const exponential = ticks.some((tick) => tick < 1e-4 || tick >= 1e6);
  const label = (tick: number) => (exponential ? tick.toExponential().replace('e+', 'e') : formatTick(tick, tick));
  return { domain: [low, high], ticks: ticks.map((tick) => ({ position: Math.log10(tick), label: label(tick) })) };
}
