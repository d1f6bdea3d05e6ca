/**
 * @bpnet/plot/node: writing plots to files (Node.js only).
 * @module @bpnet/plot/node
 * @packageDocumentation
 */
export { writeHistorySvg } from './write-history-svg.js';
