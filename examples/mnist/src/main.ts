import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ContainerModule } from '@bpnet/core';
import { fileCheckpoints, loadCheckpointFile } from '@bpnet/core/node';
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

/** The value after `flag` in `args`, if the flag is there. @throws Error if the flag has no value. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  if (!args.includes(flag)) return undefined;
  const value = args[args.indexOf(flag) + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
  return value;
}

/**
 * Trains 784-64-10 on the MNIST digits with a progress bar; prints test accuracy and the confusion matrix.
 * Ctrl-C stops between iterations, writes a checkpoint and says how to resume; `--resume <file>` continues it.
 * Options: `--plot <file.svg>`, `--checkpoint <file>` (default mnist.checkpoint.json), `--resume <file>`,
 * `--epochs <n>`, `--hidden <n>`, `--kernels js|wasm|wasm-threads|wasm-f32|wasm-f32-threads` (default js).
 */
export async function main(args: readonly string[]): Promise<void> {
  // pnpm runs the script in the example's folder; INIT_CWD is where the command was typed.
  const here = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
  const plotArgument = flagValue(args, '--plot');
  const checkpointPath = here(flagValue(args, '--checkpoint') ?? 'mnist.checkpoint.json');
  const resumePath = flagValue(args, '--resume');
  const epochs = Number(flagValue(args, '--epochs') ?? 8);
  const hiddenUnits = Number(flagValue(args, '--hidden') ?? 64);
  const kernelsName = flagValue(args, '--kernels') ?? 'js';
  const kernels = kernelChoices[kernelsName];
  if (kernels === undefined)
    throw new Error(`--kernels: expected one of ${Object.keys(kernelChoices).join(', ')}, got '${kernelsName}'`);
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
      args.includes('--epochs') ? ` --epochs ${epochs}` : '',
      args.includes('--hidden') ? ` --hidden ${hiddenUnits}` : '',
      args.includes('--kernels') ? ` --kernels ${kernelsName}` : '',
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
