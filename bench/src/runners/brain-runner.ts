import { errorMessage, measureSession } from '../measure.js';
import { BatchDrawer } from '../batch-schedule.js';
import type { Workload } from '../workloads.js';
import type { Runner, Session } from './runner.js';

/** The part of brain.js 1.6.1's NeuralNetwork this runner uses. */
interface BrainNetwork {
  train(data: { input: ArrayLike<number>; output: ArrayLike<number> }[], options: Record<string, unknown>): unknown;
  trainOpts: { learningRate: number; momentum: number };
  trainPattern(value: { input: ArrayLike<number>; output: ArrayLike<number> }, logErrorRate?: boolean): number | null;
}

/**
 * Iterations per timed brain.js run: its per-iteration cost has no fixed part (no per-call setup), and the full
 * MNIST epochs would take minutes per run, so on the large workloads (input × hidden > 10,000 weights) each run
 * times at most this many iterations. The toy workload runs in full.
 */
export const brainMaxIterations = 20;

/**
 * brain.js 1.6.1 (NeuralNetwork, hiddenLayers [H], sigmoid, momentum 0). brain.js cannot do minibatch SGD: its
 * training updates the weights after every sample. Each iteration therefore feeds the same batch of B distinct
 * random samples through `trainPattern` one by one (B online updates), which costs the same forward and backward
 * work per sample but B weight updates instead of one. Its error is ½ of bpnet's J per sample (mean of (t − z)²).
 */
export const brainRunner: Runner = {
  name: 'brain.js',
  precision: 'float32',
  note:
    'NOT the same math: online SGD (one update per sample, B updates per iteration), ' +
    'float32, its own initialization; on MNIST each timed run is the first ' +
    brainMaxIterations +
    ' iterations (it has no per-call setup to amortize)',
  async measure(workload, plan) {
    let NeuralNetwork: new (options: Record<string, unknown>) => BrainNetwork;
    try {
      // brain.js's index also loads gpu.js; the CPU network alone is enough here.
      const module = (await import('brain.js/dist/neural-network.js')) as {
        default: { default?: unknown } & Record<string, unknown>;
      };
      NeuralNetwork = (module.default.default ?? module.default) as typeof NeuralNetwork;
    } catch (error) {
      return { skipped: `brain.js unavailable: ${errorMessage(error)}` };
    }
    const iterations =
      workload.cols * workload.hidden > 10_000
        ? Math.min(workload.iterations, brainMaxIterations)
        : workload.iterations;
    const net = new NeuralNetwork({ hiddenLayers: [workload.hidden], activation: 'sigmoid' });
    const measurement = await measureSession(brainSession(net, { ...workload, iterations }, 7), plan);
    return iterations === workload.iterations ? measurement : { ...measurement, iterations };
  },
};

function brainSession(net: BrainNetwork, workload: Workload, seed: number): Session {
  const { rows, cols, outputs } = workload;
  const samples = Array.from({ length: rows }, (_, n) => {
    const output = new Float32Array(outputs);
    output[workload.labels[n]] = 1;
    return { input: Float32Array.from(workload.inputs.subarray(n * cols, (n + 1) * cols)), output };
  });
  // One pass initializes the network (untimed). brain.js's train() rejects learningRate 1 and momentum 0 as "out of
  // normal training range", so the options are set on trainOpts afterwards (its update reads them there).
  net.train(samples.slice(0, 1), { iterations: 1, learningRate: 0.3, momentum: 0.1, log: false });
  net.trainOpts.learningRate = workload.learningRate;
  net.trainOpts.momentum = 0;
  const drawer = new BatchDrawer(rows, workload.batchSize, seed + 1);
  return {
    run() {
      const losses: number[] = [];
      for (let i = 0; i < workload.iterations; i++) {
        const batch = drawer.next();
        let sum = 0;
        for (let j = 0; j < batch.length; j++) sum += net.trainPattern(samples[batch[j]], true) ?? NaN;
        losses.push((sum / batch.length) * outputs * 0.5);
      }
      return losses;
    },
  };
}
