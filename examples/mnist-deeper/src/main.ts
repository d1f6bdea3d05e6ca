import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ContainerModule } from '@bpnet/core';
import { wasmFloat32KernelsModule, wasmKernelsModule } from '@bpnet/wasm';
import { runMnistDeeper, type TrainedNetwork } from './mnist-deeper.js';

/** The `--kernels` choices: core's JavaScript kernels, or @bpnet/wasm's in float64 or float32. */
const kernelChoices: Readonly<Record<string, () => ContainerModule | undefined>> = {
  js: () => undefined,
  wasm: () => wasmKernelsModule,
  'wasm-f32': () => wasmFloat32KernelsModule,
};

/** The value after `flag` in `args`, if the flag is there. @throws Error if the flag has no value. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  if (!args.includes(flag)) return undefined;
  const value = args[args.indexOf(flag) + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
  return value;
}

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
 * bit. Options: `--epochs <n>` (default 5), `--kernels js|wasm|wasm-f32` (default js), `--save <file>`.
 */
export function main(args: readonly string[]): void {
  // pnpm runs the script in the example's folder; INIT_CWD is where the command was typed.
  const here = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
  const epochs = Number(flagValue(args, '--epochs') ?? 5);
  if (!Number.isSafeInteger(epochs) || epochs < 1)
    throw new Error(`--epochs must be a positive integer, got '${flagValue(args, '--epochs')}'`);
  const kernelsName = flagValue(args, '--kernels') ?? 'js';
  const kernels = kernelChoices[kernelsName];
  if (kernels === undefined)
    throw new Error(`--kernels: expected one of ${Object.keys(kernelChoices).join(', ')}, got '${kernelsName}'`);
  const savePath = here(flagValue(args, '--save') ?? 'mnist-deeper.model.json');
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
