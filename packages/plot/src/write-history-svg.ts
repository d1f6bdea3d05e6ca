import { writeFileAtomically } from '@bpnet/core/node';
import { historySvg } from './history-svg.js';
import type { HistorySvgOptions } from './history-svg-options.js';
import type { PlottableHistory } from './plottable-history.js';

/**
 * Writes {@link historySvg}`(history, options)` to a file (Node.js only), through a temporary file that is renamed
 * over `path`, so a reader never sees a half-written picture. Returns the SVG text it wrote.
 *
 * @example writeHistorySvg('training.svg', train(network, X, labels, { learningRate: 5, iterations: 5000 }));
 */
export function writeHistorySvg(path: string, history: PlottableHistory, options: HistorySvgOptions = {}): string {
  const svg = historySvg(history, options);
  writeFileAtomically(path, svg);
  return svg;
}
