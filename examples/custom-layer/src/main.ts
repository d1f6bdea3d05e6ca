import { parseCommandLine } from '@bpnet/example-cli';
import { runCustomLayerExample } from './custom-layer.js';
import { runPlugInsExample } from './plug-ins-example.js';

/** The command line of `pnpm example:custom-layer`: no options but `--help`. */
export const commandLine = {
  name: 'example:custom-layer',
  summary:
    'Trains a network with a layer written outside bpnet (acme/prelu), saves it and loads it back; then does the\n' +
    'same with every plug-in of the example in one network, resuming from a checkpoint on the way.',
  options: {},
} as const;

/**
 * Trains a network with the example's own PReLU layer, saves it, loads it back and prints what happened; then does
 * the same with every plug-in of the package, resuming from a checkpoint on the way.
 */
export function main(args: readonly string[]): void {
  parseCommandLine(args, commandLine);
  console.log('bpnet: a layer written outside bpnet (acme/prelu), plugged in through its container module');
  const result = runCustomLayerExample();
  console.log(`network: 2 → dense 16 → acme/prelu → dense 3, softmax cross-entropy; three rings, 300 points`);
  console.log(`final loss ${result.finalLoss.toFixed(4)}, training accuracy ${result.trainingAccuracy.toFixed(3)}`);
  console.log(`learned slopes: ${result.slopes.map((a) => a.toFixed(2)).join(' ')}`);
  console.log(`saved to ${result.modelPath}; reloaded outputs identical bit for bit: ${result.reloadedIdentical}`);
  console.log('');
  console.log('bpnet: every plug-in of this package in one network');
  const plugIns = runPlugInsExample();
  console.log('network: 2 → acme/recenter → dense 16 (acme/lecun-uniform) → acme/swish → acme/gaussian-noise 0.05');
  console.log(
    '         → acme/parallel-sum [acme/prelu, dense 16] → dense 3, acme/huber δ = 0.5; trained with acme/rmsprop',
  );
  console.log(`final loss ${plugIns.finalLoss.toFixed(4)}, training accuracy ${plugIns.trainingAccuracy.toFixed(3)}`);
  console.log(`running mean (state): ${plugIns.runningMean.map((mu) => mu.toFixed(3)).join(' ')}`);
  console.log(
    `resumed from the checkpoint at iteration ${plugIns.checkpoints[0].iteration} ` +
      `in a fresh container, identical bit for bit: ${plugIns.resumedIdentical}`,
  );
  console.log(`reloaded outputs identical bit for bit: ${plugIns.reloadedIdentical}`);
}

main(process.argv.slice(2));
