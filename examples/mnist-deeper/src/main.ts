import { writeFileSync } from 'node:fs';
import type { ContainerModule } from '@bpnet/core';
import { fromInvocationDirectory, oneOf, parseCommandLine, positiveInteger } from '@bpnet/example-cli';
import { wasmFloat32KernelsModule, wasmKernelsModule } from '@bpnet/wasm';
import { runMnistDeeper, type TrainedNetwork } from './mnist-deeper.js';

/** The `--kernels` choices: core's JavaScript kernels, or @bpnet/wasm's in float64 or float32. */
const kernelChoices: Readonly<Record<string, () => ContainerModule | undefined>> = {
  js: () => undefined,
  wasm: () => wasmKernelsModule,
  'wasm-f32': () => wasmFloat32KernelsModule,
};

/** The command line of `pnpm example:mnist-deeper`. */
export const commandLine = {
  name: 'example:mnist-deeper',
  summary:
    'Trains the plain 784-64-10 ReLU network and a deeper one (batch normalization, a residual block, dropout) on\n' +
    'the MNIST digits with the same epochs, batches, optimizer and seeds; prints both test accuracies, saves the\n' +
    'deeper model and checks that the reloaded model predicts bit for bit.',
  options: {
    epochs: {
      type: 'string',
      value: 'n',
      description: 'epochs to train each network',
      default: '5',
      parse: positiveInteger,
    },
    kernels: {
      type: 'string',
      value: 'name',
      description: `the kernels: ${Object.keys(kernelChoices).join(', ')}`,
      default: 'js',
      parse: oneOf(Object.keys(kernelChoices)),
    },
    save: {
      type: 'string',
      value: 'file',
      description: 'where to save the deeper model',
      default: 'mnist-deeper.model.json',
    },
  },
} as const;

function describe(name: string, trained: TrainedNetwork): string {
  const parameters = trained.network.parameters().reduce((sum, { value }) => sum + value.data.length, 0);
  return (
    `${name.padEnd(8)} ${String(parameters).padStart(6)} parameters   test ` +
    `accuracy ${trained.testAccuracy.toFixed(4)}   ${trained.seconds.toFixed(1)} s`
  );
}

/**
 * Trains the plain 784-64-10 ReLU network and a deeper one with batch normalization, a residual block and dropout
 * on the MNIST digits, with the same epochs, batches, optimizer and seeds; prints both test accuracies, saves the
 * deeper one (`--save <file>`, default mnist-deeper.model.json) and checks that the reloaded model predicts bit for
 * bit. The options are those of {@link commandLine} (`pnpm example:mnist-deeper --help`).
 */
export function main(args: readonly string[]): void {
  const { epochs, kernels: kernelsName, save } = parseCommandLine(args, commandLine).values;
  const kernels = kernelChoices[kernelsName];
  const savePath = fromInvocationDirectory(save);
  console.log(
    `bpnet: MNIST digits, plain 784-64-10 vs. deeper (batch-norm, residual block, ` +
      `dropout); Adam, ${epochs} epochs of batches of 64, ${kernelsName} kernels`,
  );
  const result = runMnistDeeper({ epochs, kernels: kernels() });
  console.log(
    `train ${result.trainSize} digits, test ${result.testSize} (stratified, seeded); the same seeds for both networks`,
  );
  console.log(describe('plain', result.plain));
  console.log(describe('deeper', result.deeper));
  console.log(
    `deeper network's state: ${result.deeper.network
      .namedState()
      .map(({ path }) => path)
      .join(', ')}`,
  );
  writeFileSync(savePath, result.modelJson);
  console.log(
    `saved the deeper model to ${savePath}; loaded back, it predicts the test ` +
      `digits ${result.reloadedSameBits ? 'bit for bit as trained' : 'DIFFERENTLY'}`,
  );
  if (!result.reloadedSameBits) process.exitCode = 1;
}

main(process.argv.slice(2));
