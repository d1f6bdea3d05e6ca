import type { ContainerModule } from '@bpnet/core';
import { writeFileAtomically } from '@bpnet/core/node';
import { fromInvocationDirectory, oneOf, parseCommandLine, positiveInteger } from '@bpnet/example-cli';
import { wasmFloat32KernelsModule, wasmKernelsModule } from '@bpnet/wasm';
import { runOnnxExample } from './onnx-example.js';

/** The `--kernels` choices: core's JavaScript kernels, or @bpnet/wasm's float64 or float32 ones. */
const kernelChoices: Readonly<Record<string, () => ContainerModule | undefined>> = {
  js: () => undefined,
  wasm: () => wasmKernelsModule,
  'wasm-f32': () => wasmFloat32KernelsModule,
};

/** The command line of `pnpm example:onnx`. */
export const commandLine = {
  name: 'example:onnx',
  summary:
    'Trains the MNIST net (784-64-10, sigmoid, squared error), exports it to ONNX, runs it in ONNX Runtime on\n' +
    'the held-out digits, prints the largest difference from bpnet and both throughputs at the same batch size,\n' +
    'and imports the model back.',
  options: {
    epochs: { type: 'string', value: 'n', description: 'epochs to train', default: '2', parse: positiveInteger },
    batch: {
      type: 'string',
      value: 'n',
      description: 'rows per prediction call, for both runtimes',
      default: '256',
      parse: positiveInteger,
    },
    kernels: {
      type: 'string',
      value: 'name',
      description: `bpnet's kernels: ${Object.keys(kernelChoices).join(', ')}`,
      default: 'js',
      parse: oneOf(Object.keys(kernelChoices)),
    },
    save: { type: 'string', value: 'file', description: 'where to write the ONNX model', default: 'mnist.onnx' },
  },
} as const;

/** Runs the example with the options of {@link commandLine} (`pnpm example:onnx --help`); prints what it measured. */
export async function main(args: readonly string[]): Promise<void> {
  const { epochs, batch, kernels: kernelsName, save } = parseCommandLine(args, commandLine).values;
  console.log(`bpnet: MNIST 784-64-10 (sigmoid, squared error), ${epochs} epochs on ${kernelsName} kernels, then ONNX`);
  const result = await runOnnxExample({ epochs, batchSize: batch, kernels: kernelChoices[kernelsName]() });
  const path = fromInvocationDirectory(save);
  writeFileAtomically(path, result.model);
  console.log(`test accuracy ${result.testAccuracy.toFixed(4)}; exported to ${path} (${result.model.length} bytes)`);
  console.log(
    `ONNX Runtime vs bpnet on ${result.rows} held-out digits: ` +
      `largest difference ${result.largestDifference.toExponential(2)} ` +
      `(relative ${result.largestRelativeDifference.toExponential(2)}), ` +
      `${result.differentPredictions} different predictions`,
  );
  const ratio = result.onnxRuntimePerSecond / result.bpnetPerSecond;
  console.log(
    `predictions per second at ${result.batchSize} rows per call: bpnet (${kernelsName}) ` +
      `${Math.round(result.bpnetPerSecond)}, ONNX Runtime ${Math.round(result.onnxRuntimePerSecond)} ` +
      `(ONNX Runtime / bpnet = ${ratio.toFixed(2)})`,
  );
  console.log(
    `imported back with fromOnnx: ${result.reimportedSameBits ? 'the same outputs bit for bit' : 'DIFFERENT outputs'}`,
  );
  if (!result.reimportedSameBits || result.differentPredictions > 0) process.exitCode = 1;
}

await main(process.argv.slice(2));
