import { runToyExperiment } from './three-layer.js';

/** Runs the seed's toy experiment and prints its progress, final loss, predictions and training accuracy. */
export function main(): void {
  console.log('bpnet: the seed\'s three-layer net (4-20-3, sigmoid, squared error), 1000 iterations, batch 15, learning rate 1');
  const result = runToyExperiment({
    onProgress: ({ iteration, iterations, loss }) => {
      if (iteration % 100 === 0) console.log(`iteration ${String(iteration).padStart(4)} / ${iterations}: loss ${loss.toFixed(6)}`);
    },
  });
  const losses = result.history.loss;
  console.log(`final training loss J = mean ½‖t − z‖²: ${losses[losses.length - 1].toFixed(6)} (the seed program prints twice this)`);
  console.log(`predictions: ${result.predictions.join(' ')}`);
  console.log(`labels:      ${result.data.labels.join(' ')}`);
  console.log(`training accuracy: ${result.trainingAccuracy.toFixed(2)}`);
}

main();
