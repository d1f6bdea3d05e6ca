/**
 * @bpnet/plot/node: writing plots to files (Node.js only).
 * @packageDocumentation
 */
export { writeHistorySvg } from './write-history-svg.js';
