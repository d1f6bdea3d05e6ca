import { formatTrace } from '@bpnet/diagnostics';
import { runTraceExample } from './trace-example.js';

/** Prints every quantity of one backpropagation step of a 2-2-2 net, one row per sample, and worked elements. */
export function main(): void {
  console.log(
    'bpnet: one step of backpropagation on the three-layer net of docs/derivation.md ' +
      '(2 inputs, 2 hidden units, 2 outputs, sigmoid, squared error)\n',
  );
  console.log(formatTrace(runTraceExample()));
}

main();
