import type { Matrix } from '@bpnet/core';
import type { BatchTrace } from './trace-batch.js';

/** The trace as text: for each layer, each quantity with its symbol, its shape and its rows (one per sample). */
export function formatTrace(trace: BatchTrace, digits = 4): string {
  const lines = [`J = ${trace.loss.toPrecision(digits + 2)} (η = ${trace.learningRate}${trace.applied ? ', updates applied' : ''})`];
  for (const layer of trace.layers) {
    lines.push('', `layers[${layer.index}] ${layer.kind}`);
    for (const { symbol, value } of layer.quantities) {
      lines.push(`  ${symbol}  (${value.shape})`);
      for (const row of formatRows(value, digits)) lines.push(`    ${row}`);
    }
  }
  return lines.join('\n');
}

function formatRows(matrix: Matrix, digits: number): string[] {
  return matrix.toRows().map((row) => row.map((value) => (value >= 0 ? ' ' : '') + value.toExponential(digits - 1)).join('  '));
}
