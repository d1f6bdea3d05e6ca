import { runCustomLayerExample } from './custom-layer.js';

/** Trains a network with the example's own PReLU layer, saves it, loads it back and prints what happened. */
export function main(): void {
  console.log('bpnet: a layer written outside bpnet (acme/prelu), plugged in through its container module');
  const result = runCustomLayerExample();
  console.log(`network: 2 → dense 16 → acme/prelu → dense 3, softmax cross-entropy; three rings, 300 points`);
  console.log(`final loss ${result.finalLoss.toFixed(4)}, training accuracy ${result.trainingAccuracy.toFixed(3)}`);
  console.log(`learned slopes: ${result.slopes.map((a) => a.toFixed(2)).join(' ')}`);
  console.log(`saved to ${result.modelPath}; reloaded outputs identical bit for bit: ${result.reloadedIdentical}`);
}

main();
