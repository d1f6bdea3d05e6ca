import { fromInvocationDirectory, parseCommandLine } from '@bpnet/example-cli';
import { createProgressReporter, formatConfusionMatrix, sparkline } from '@bpnet/plot';
import { writeHistorySvg } from '@bpnet/plot/node';
import { runIris } from './iris.js';

/** The command line of `pnpm example:iris`. */
export const commandLine = {
  name: 'example:iris',
  summary:
    "Trains the three-layer net (4 → 8 sigmoid → 3 sigmoid, squared error) on Fisher's iris flowers with a progress\n" +
    'bar, then prints the test accuracy on the held-out flowers and the confusion matrix.',
  options: {
    plot: { type: 'string', value: 'file.svg', description: 'write the loss and accuracy curves to this SVG file' },
  },
} as const;

/** Trains the three-layer net on iris with a progress bar; prints test accuracy and the confusion matrix. */
export function main(args: readonly string[]): void {
  const { plot } = parseCommandLine(args, commandLine).values;
  const plotPath = plot === undefined ? undefined : fromInvocationDirectory(plot);
  console.log('bpnet: iris flowers, 4 → 8 sigmoid → 3 sigmoid, squared error, 200 epochs of batches of 15');
  const result = runIris(createProgressReporter({ stream: process.stdout }));
  console.log(`train ${result.trainSize} flowers, test ${result.testSize} (stratified, seeded)`);
  console.log(`loss ${sparkline(result.history.loss)}`);
  console.log(`test accuracy: ${result.testAccuracy.toFixed(3)}`);
  console.log(formatConfusionMatrix(result.confusion, result.classNames));
  if (plotPath) {
    writeHistorySvg(plotPath, result.history, { title: 'iris: 4-8-3 sigmoid network' });
    console.log(`wrote the training curves to ${plotPath}`);
  }
}

main(process.argv.slice(2));
