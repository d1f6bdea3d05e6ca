import { parseCommandLine } from '@bpnet/example-cli';
import { runSymmetry, type SymmetryRun, symmetryInitializations } from './symmetry.js';

/** The command line of `pnpm example:symmetry`. */
export const commandLine = {
  name: 'example:symmetry',
  summary:
    'Trains the 4-20-3 net of docs/derivation.md from gaussian, all-zero and all-one weights and shows what\n' +
    'symmetric initial weights do: the loss, the accuracy, the distinct hidden units and what diagnose() says.',
  options: {
    numpy: {
      type: 'boolean',
      description: "draw from numpy's random stream as the numpy reference program does, and print its loss",
    },
  },
} as const;

/**
 * Prints the experiment of the derivation's section 9 (docs/derivation.md): the same net trained from gaussian,
 * all-zero and all-one weights. With `--numpy` it draws from numpy's random stream as the numpy reference program
 * does and prints that program's final loss, Σ_n ‖t_n − z_n‖² / N over the last batch (without the ½), beside J.
 */
export function main(args: readonly string[]): void {
  const { numpy } = parseCommandLine(args, commandLine).values;
  console.log(
    'bpnet: symmetric initial weights (docs/derivation.md, section 9)\n' +
      '4-20-3 net, sigmoid, squared error, 30 training samples, 1000 iterations, batches of 15, learning rate 1' +
      (numpy
        ? ",\nnumpy's random stream (np.random.seed(0) for the weights, np.random.seed(1) for the data and batches)"
        : '') +
      '\n',
  );
  const runs = symmetryInitializations.map(({ name, weightInitializer }) =>
    runSymmetry(name, weightInitializer, { numpy }),
  );
  const numpyColumn = (run: SymmetryRun) => (numpy ? `${run.printedLoss.toFixed(3).padStart(19)}  ` : '');
  console.log(
    `initialization      ${numpy ? 'Σ‖t − z‖²/N, last batch  ' : ''}J, last batch  accuracy  distinct hidden units  ` +
      'max |∂J/∂W1| at step 1',
  );
  for (const run of runs) {
    const units = `${run.distinctHiddenUnits} of ${run.hiddenUnits}`;
    console.log(
      `${run.name.padEnd(20)}${numpyColumn(run)}${run.finalLoss.toFixed(4).padStart(13)}  ` +
        `${run.trainingAccuracy.toFixed(2).padStart(8)}  ${units.padStart(21)}  ` +
        run.firstStepFirstLayerGradient.toExponential(2).padStart(22),
    );
  }
  console.log(
    '\nJ, last batch: J = ½·mean‖t − z‖² over the last training batch of 15 samples, before its update\n' +
      '(the loss bpnet reports).' +
      (numpy
        ? "\nΣ‖t − z‖²/N, last batch: the same batch's Σ_n ‖t_n − z_n‖² / 15 = 2J, the final training loss the\n" +
          'numpy reference program prints (its convention: the sum of squares without the ½).'
        : '') +
      '\naccuracy: the fraction of the 30 training samples classified correctly after training.',
  );
  console.log('\nWhat diagnose(network, X, labels) says after training:');
  for (const run of runs) console.log(`\n${run.name}:\n  ${run.diagnosis.report.split('\n').join('\n  ')}`);
  console.log(
    '\nFrom a constant start every hidden unit computes the same value and receives the same sensitivity, so the\n' +
      'hidden layer behaves as one neuron. From zeros, W2 = 0 sends no sensitivity back\n' +
      "(δ_j = f'(net_j) Σ_k w_kj δ_k = 0), so the first layer gets a zero gradient on the first step, and the units\n" +
      'then move in lockstep.',
  );
}

main(process.argv.slice(2));
