import { type FloatArray, SeededRandom } from '@bpnet/core';
import { loadMnistDigits } from '@bpnet/mnist';

/**
 * A workload's shape and hyper-parameters: the three-layer network of docs/derivation.md (sigmoid, squared error, plain
 * SGD).
 */
export interface WorkloadSpec {
  /** Short id used by `--only` (a, b, c). */
  readonly id: string;
  readonly title: string;
  readonly hidden: number;
  readonly outputs: number;
  readonly batchSize: number;
  /** Iterations of one timed run. */
  readonly iterations: number;
  /**
   * Untimed runs before the timed ones in each round. A fresh node process reaches its steady speed after some
   * thousands of iterations (its JIT compiler optimizes functions called once per iteration last); that matters for
   * the toy, whose iterations are short, and little for MNIST, whose products dominate.
   */
  readonly warmupRuns: number;
  readonly learningRate: number;
  /** Standard deviation of the initial weights (biases start at zero). */
  readonly weightStd: (inputs: number) => number;
}

/** A workload with its data: `inputs` is rows×cols row-major float64, `labels` one class per row. */
export interface Workload extends WorkloadSpec {
  readonly rows: number;
  readonly cols: number;
  readonly inputs: FloatArray;
  readonly labels: Int32Array;
}

/** The three workloads of the benchmark, in order. */
export const workloadSpecs: readonly WorkloadSpec[] = [
  {
    id: 'a',
    title: 'toy 4-20-3, B=15',
    hidden: 20,
    outputs: 3,
    batchSize: 15,
    iterations: 1000,
    warmupRuns: 5,
    learningRate: 1,
    weightStd: () => 0.1,
  },
  {
    id: 'b',
    title: 'MNIST 784-128-10, B=64',
    hidden: 128,
    outputs: 10,
    batchSize: 64,
    iterations: 156,
    warmupRuns: 1,
    learningRate: 0.5,
    weightStd: (n) => 1 / Math.sqrt(n),
  },
  {
    id: 'c',
    title: 'MNIST 784-256-10, B=128',
    hidden: 256,
    outputs: 10,
    batchSize: 128,
    iterations: 78,
    warmupRuns: 1,
    learningRate: 0.5,
    weightStd: (n) => 1 / Math.sqrt(n),
  },
];

/**
 * Loads the data of `spec`: the reference program's toy problem (X = 10·randn(30, 4), labels in {0,1,2}) or the 10,000
 * MNIST digits.
 */
export function loadWorkload(spec: WorkloadSpec): Workload {
  if (spec.id === 'a') {
    const random = new SeededRandom(1);
    const inputs = Float64Array.from({ length: 30 * 4 }, () => 10 * random.normal());
    const labels = Int32Array.from({ length: 30 }, () => random.integer(3));
    return { ...spec, rows: 30, cols: 4, inputs, labels };
  }
  const digits = loadMnistDigits();
  return {
    ...spec,
    rows: digits.inputs.rows,
    cols: digits.inputs.cols,
    inputs: digits.inputs.data,
    labels: Int32Array.from(digits.labels),
  };
}

/** `workload` with a different iteration count (for `--quick` and the smoke test). */
export function withIterations<W extends WorkloadSpec>(workload: W, iterations: number): W {
  return { ...workload, iterations };
}
