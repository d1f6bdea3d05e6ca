import { formatTrace } from '@bpnet/diagnostics';
import { runTraceExample } from './trace-example.js';

/** Prints every quantity of one backpropagation step of a 2-2-2 net, one row per sample. */
export function main(): void {
  console.log('bpnet: one step of backpropagation, every quantity of the derivation (2-2-2 net, two samples, η = 1)\n');
  console.log(formatTrace(runTraceExample()));
}

main();
