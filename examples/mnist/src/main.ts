import { rmSync } from 'node:fs';
import type { ContainerModule } from '@bpnet/core';
import { fileCheckpoints, loadCheckpointFile } from '@bpnet/core/node';
import { fromInvocationDirectory, oneOf, parseCommandLine, positiveInteger } from '@bpnet/example-cli';
import { createProgressReporter, formatConfusionMatrix, sparkline } from '@bpnet/plot';
import { writeHistorySvg } from '@bpnet/plot/node';
import { wasmFloat32KernelsModule, wasmKernelsModule } from '@bpnet/wasm';
import { threadedWasmKernelsModule } from '@bpnet/wasm/node';
import { runMnist } from './mnist.js';

/**
 * The `--kernels` choices: core's JavaScript kernels, or @bpnet/wasm's on one thread or every core, float64 or float32.
 */
const kernelChoices: Readonly<Record<string, () => ContainerModule | undefined>> = {
  js: () => undefined,
  wasm: () => wasmKernelsModule,
  'wasm-threads': () => threadedWasmKernelsModule(),
  'wasm-f32': () => wasmFloat32KernelsModule,
  'wasm-f32-threads': () => threadedWasmKernelsModule({ precision: 'float32' }),
};

/** The command line of `pnpm example:mnist`. */
export const commandLine = {
  name: 'example:mnist',
  summary:
    'Trains 784-64-10 (sigmoid, squared error) on the MNIST digits with a progress bar, then prints the test\n' +
    'accuracy and the confusion matrix. Ctrl-C stops between iterations, writes a checkpoint, says how to resume\n' +
    'and exits with status 0.',
  options: {
    plot: { type: 'string', value: 'file.svg', description: 'write the loss and accuracy curves to this SVG file' },
    checkpoint: {
      type: 'string',
      value: 'file',
      description: 'the checkpoint, written every 100 iterations and on Ctrl-C',
      default: 'mnist.checkpoint.json',
    },
    resume: { type: 'string', value: 'file', description: 'continue the run saved in this checkpoint' },
    epochs: { type: 'string', value: 'n', description: 'epochs to train', default: '8', parse: positiveInteger },
    hidden: { type: 'string', value: 'n', description: 'hidden units', default: '64', parse: positiveInteger },
    kernels: {
      type: 'string',
      value: 'name',
      description: `the kernels: ${Object.keys(kernelChoices).join(', ')}`,
      default: 'js',
      parse: oneOf(Object.keys(kernelChoices)),
    },
  },
} as const;

/**
 * Trains 784-64-10 on the MNIST digits with a progress bar; prints test accuracy and the confusion matrix.
 * Ctrl-C stops between iterations, writes a checkpoint and says how to resume; `--resume <file>` continues it.
 * The options are those of {@link commandLine} (`pnpm example:mnist --help`).
 */
export async function main(args: readonly string[]): Promise<void> {
  const { values, given } = parseCommandLine(args, commandLine);
  const { plot: plotArgument, resume: resumePath, epochs, hidden: hiddenUnits, kernels: kernelsName } = values;
  const here = fromInvocationDirectory;
  const checkpointPath = here(values.checkpoint);
  const kernels = kernelChoices[kernelsName];
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  console.log(
    `bpnet: MNIST digits, 784 → ${hiddenUnits} sigmoid → 10 sigmoid, squared error, ` +
      `${epochs} epochs of batches of 32, ${kernelsName} kernels (Ctrl-C to stop)`,
  );
  const started = performance.now();
  const result = await runMnist({
    epochs,
    hiddenUnits,
    kernels: kernels(),
    onProgress: createProgressReporter({ stream: process.stdout }),
    signal: controller.signal,
    checkpoint: fileCheckpoints(checkpointPath),
    resumeFrom: resumePath === undefined ? undefined : loadCheckpointFile(here(resumePath)),
  });
  if (result.history.interrupted) {
    console.log(`\ninterrupted after iteration ${result.history.loss.length}; checkpoint written to ${checkpointPath}`);
    const repeated = [
      given.has('epochs') ? ` --epochs ${epochs}` : '',
      given.has('hidden') ? ` --hidden ${hiddenUnits}` : '',
      given.has('kernels') ? ` --kernels ${kernelsName}` : '',
    ].join('');
    console.log(`resume with: pnpm example:mnist --resume ${checkpointPath}${repeated}`);
    return;
  }
  rmSync(checkpointPath, { force: true }); // the run finished: its checkpoint is no longer needed
  console.log(
    `train ${result.trainSize} digits, test ${result.testSize} (stratified, ` +
      `seeded); ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`loss ${sparkline(result.history.loss)}`);
  console.log(`test accuracy: ${result.testAccuracy.toFixed(3)}`);
  console.log(formatConfusionMatrix(result.confusion));
  if (plotArgument) {
    writeHistorySvg(here(plotArgument), result.history, {
      title: `MNIST digits: 784-${hiddenUnits}-10 sigmoid network`,
    });
    console.log(`wrote the training curves to ${here(plotArgument)}`);
  }
}

await main(process.argv.slice(2));
