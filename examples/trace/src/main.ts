import { formatTrace } from '@bpnet/diagnostics';
import { parseCommandLine } from '@bpnet/example-cli';
import { runTraceExample } from './trace-example.js';

/** The command line of `pnpm example:trace`: no options but `--help`. */
export const commandLine = {
  name: 'example:trace',
  summary:
    'Prints every quantity of one step of backpropagation on a 2-2-2 sigmoid net (docs/derivation.md), one row\n' +
    'per sample, with worked elements of each equation.',
  options: {},
} as const;

/** Prints every quantity of one backpropagation step of a 2-2-2 net, one row per sample, and worked elements. */
export function main(args: readonly string[]): void {
  parseCommandLine(args, commandLine);
  console.log(
    'bpnet: one step of backpropagation on the three-layer net of docs/derivation.md ' +
      '(2 inputs, 2 hidden units, 2 outputs, sigmoid, squared error)\n',
  );
  console.log(formatTrace(runTraceExample()));
}

main(process.argv.slice(2));
