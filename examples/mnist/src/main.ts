import { resolve } from 'node:path';
import { formatConfusionMatrix } from '@bpnet/core';
import { createProgressReporter, sparkline } from '@bpnet/plot';
import { writeHistorySvg } from '@bpnet/plot/node';
import { runMnist } from './mnist.js';

/** Trains 784-64-10 on the MNIST digits with a progress bar; prints test accuracy and the confusion matrix. */
export function main(args: readonly string[]): void {
  const plotArgument = args.includes('--plot') ? args[args.indexOf('--plot') + 1] : undefined;
  if (args.includes('--plot') && !plotArgument) throw new Error('--plot needs a file name, e.g. --plot mnist.svg');
  // pnpm runs the script in the example's folder; INIT_CWD is where the command was typed.
  const plotPath = plotArgument && resolve(process.env.INIT_CWD ?? process.cwd(), plotArgument);
  console.log('bpnet: MNIST digits, 784 → 64 sigmoid → 10 sigmoid, squared error, 8 epochs of batches of 32');
  const result = runMnist({ onProgress: createProgressReporter({ stream: process.stdout }) });
  console.log(`train ${result.trainSize} digits, test ${result.testSize} (stratified, seeded)`);
  console.log(`loss ${sparkline(result.history.loss)}`);
  console.log(`test accuracy: ${result.testAccuracy.toFixed(3)}`);
  console.log(formatConfusionMatrix(result.confusion));
  if (plotPath) {
    writeHistorySvg(plotPath, result.history, { title: 'MNIST digits: 784-64-10 sigmoid network' });
    console.log(`wrote the training curves to ${plotPath}`);
  }
}

main(process.argv.slice(2));
