import { resolve } from 'node:path';
import { createProgressReporter, formatConfusionMatrix, sparkline } from '@bpnet/plot';
import { writeHistorySvg } from '@bpnet/plot/node';
import { runIris } from './iris.js';

/** Trains the three-layer net on iris with a progress bar; prints test accuracy and the confusion matrix. */
export function main(args: readonly string[]): void {
  const plotArgument = args.includes('--plot') ? args[args.indexOf('--plot') + 1] : undefined;
  if (args.includes('--plot') && !plotArgument) throw new Error('--plot needs a file name, e.g. --plot iris.svg');
  // pnpm runs the script in the example's folder; INIT_CWD is where the command was typed.
  const plotPath = plotArgument && resolve(process.env.INIT_CWD ?? process.cwd(), plotArgument);
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
