import { runSymmetry, symmetryInitializations } from './symmetry.js';

/** Prints the experiment of the derivation's section 9 (docs/derivation.md): the same net trained from gaussian, all-zero and all-one weights. */
export function main(): void {
  console.log('bpnet: symmetric initial weights (docs/derivation.md, section 9); 4-20-3 net, 1000 iterations, batch 15, learning rate 1\n');
  console.log('initialization        final loss  accuracy  distinct hidden units  max |∂J/∂W1| at step 1');
  const runs = symmetryInitializations.map(({ name, weightInitializer }) => runSymmetry(name, weightInitializer));
  for (const run of runs) {
    console.log(
      `${run.name.padEnd(20)}  ${run.finalLoss.toFixed(4).padStart(10)}  ${run.trainingAccuracy.toFixed(2).padStart(8)}  ` +
        `${`${run.distinctHiddenUnits} of ${run.hiddenUnits}`.padStart(21)}  ${run.firstStepFirstLayerGradient.toExponential(2).padStart(23)}`,
    );
  }
  console.log('\nWhat diagnose(network, X, labels) says after training:');
  for (const run of runs) console.log(`\n${run.name}:\n  ${run.diagnosis.report.split('\n').join('\n  ')}`);
  console.log(
    '\nFrom a constant start every hidden unit computes the same value and receives the same sensitivity, so the\n' +
      'hidden layer behaves as one neuron. From zeros, W2 = 0 sends no sensitivity back (δ_j = f\'(net_j) Σ_k w_kj δ_k = 0),\n' +
      'so the first layer gets a zero gradient on the first step, and the units then move in lockstep.',
  );
}

main();
