import { saveModelFile } from '@bpnet/core/node';
import { fromInvocationDirectory, parseCommandLine } from '@bpnet/example-cli';
import { runToyExperiment } from './three-layer.js';

/** The command line of `pnpm start` and `pnpm example:three-layer`. */
export const commandLine = {
  name: 'example:three-layer',
  summary:
    'Trains the three-layer net of docs/derivation.md (4-20-3, sigmoid, squared error) on its toy problem of 30\n' +
    'samples and prints the loss every 100 iterations, the final loss, the predictions and the training accuracy;\n' +
    'with --save, writes the trained network as a model file (loadable with loadModelFile, or in the playground).',
  options: {
    numpy: {
      type: 'boolean',
      description: "replay the numpy reference program: numpy's random stream, the loss every 10th iteration",
    },
    save: {
      type: 'string',
      value: 'file',
      description: 'write the trained network to this model file (atomically; relative to where pnpm was run)',
    },
  },
} as const;

/**
 * Runs the reference program's toy experiment and prints its progress, final loss, predictions and training accuracy.
 * With `--numpy` it draws from numpy's legacy random stream and prints every 10th iteration as the reference program
 * does, with the value that program prints (2J, its loss without the ½) beside bpnet's J.
 */
export function main(args: readonly string[]): void {
  const { numpy, save } = parseCommandLine(args, commandLine).values;
  const every = numpy ? 10 : 100;
  console.log(
    'bpnet: the three-layer net of docs/derivation.md (4-20-3, sigmoid, squared error), 30 training samples, ' +
      '1000 iterations, batch 15, learning rate 1' +
      (numpy ? ",\nnumpy's random stream (np.random.seed(0) for the model, np.random.seed(1) for the data)" : ''),
  );
  console.log(
    "J = ½·mean‖t − z‖² over the iteration's batch of 15, before its update" +
      (numpy
        ? ';\nthe reference program prints Σ‖t − z‖²/15 = 2J for the same batch (its sum of squares without the ½)'
        : ''),
  );
  const result = runToyExperiment({
    numpy,
    onProgress: ({ iteration, iterations, loss }) => {
      if ((iteration - 1) % every === 0) {
        const referencePrinted = numpy ? `  (the reference program prints ${(2 * loss).toFixed(6)})` : '';
        console.log(
          `iteration ${String(iteration - 1).padStart(4)} / ${iterations}: ` +
            `J = ${loss.toPrecision(12)}${referencePrinted}`,
        );
      }
    },
  });
  const final = result.history.loss[result.history.loss.length - 1];
  console.log(
    `final loss J = ½·mean‖t − z‖² over the last batch of 15: ${final.toPrecision(12)}` +
      (numpy
        ? `\n(the reference program prints twice this as its final training loss: ${(2 * final).toPrecision(12)})`
        : `\n(2J = ${(2 * final).toPrecision(12)} in the reference program's convention, without the ½)`),
  );
  console.log(`predictions on the 30 training samples: ${result.predictions.join(' ')}`);
  console.log(`labels:                                 ${result.data.labels.join(' ')}`);
  console.log(`training accuracy over the 30 training samples: ${result.trainingAccuracy.toFixed(2)}`);
  if (save !== undefined) {
    const path = fromInvocationDirectory(save);
    saveModelFile(result.network, path);
    console.log(`saved the trained network to ${path}`);
  }
}

main(process.argv.slice(2));
