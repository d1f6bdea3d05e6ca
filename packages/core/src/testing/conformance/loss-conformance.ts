import type { FloatArray } from '../../kernels/matrix.js';
import { oneHot } from '../../network/batch-data.js';
import { jsKernels } from '../../kernels/js-kernels.js';
import type { Kernels } from '../../kernels/kernels.js';
import type { LossLayer, LossRegistration, LossSpec } from '../../contract/loss-layer.js';
import { Matrix } from '../../kernels/matrix.js';
import type { RandomSource } from '../../random/random-source.js';
import { SeededRandom } from '../../random/seeded-random.js';
import type { Tolerances } from '../compare-gradients.js';
import { checkLossGradients } from '../gradient-check.js';
import { randomMatrix } from '../random-matrix.js';
import { firstBitDifference, worstRelativeDifference } from './compare-arrays.js';
import { ConformanceRecorder, type ConformanceReport } from './conformance-report.js';

/** Options of {@link checkLossConformance}. */
export interface LossConformanceOptions extends Partial<Tolerances> {
  /** Configs to build; default the registration's `examples`, or `{ kind }`. */
  readonly configs?: readonly LossSpec[];
  /** Prediction widths (classes); default [1, 3]. */
  readonly sizes?: readonly number[];
  /** Batch sizes; default [1, 5]. */
  readonly batchSizes?: readonly number[];
  /** Makes a target batch; default one-hot rows of random classes. */
  readonly makeTargets?: (rows: number, cols: number, random: RandomSource) => Matrix;
  readonly kernels?: Kernels;
  readonly seed?: number;
  readonly step?: number;
}

/**
 * Checks a loss registration for every config × size × batch size: ∂J/∂prediction against central differences;
 * J of a batch equals the mean of its samples' J and each row of the batch gradient is 1/N of that sample's
 * gradient; `forward` leaves prediction and target unchanged; J and the gradient are deterministic; a config
 * written to JSON and read back builds a loss with the same J and gradient, bit for bit.
 */
export function checkLossConformance(
  registration: LossRegistration,
  options: LossConformanceOptions = {},
): ConformanceReport {
  const recorder = new ConformanceRecorder(registration.kind);
  const makeTargets =
    options.makeTargets ??
    ((rows: number, cols: number, random: RandomSource) =>
      oneHot(
        Int32Array.from({ length: rows }, () => random.integer(cols)),
        cols,
      ));
  for (const config of options.configs ?? registration.examples ?? [{ kind: registration.kind }]) {
    for (const size of options.sizes ?? [1, 3]) {
      for (const batchSize of options.batchSizes ?? [1, 5]) {
        const setting = `config ${JSON.stringify(config)}, size ${size}, batch ${batchSize}`;
        const random = new SeededRandom(options.seed ?? 1);
        const create = () =>
          registration.create(JSON.parse(JSON.stringify(config)), {
            size,
            kernels: options.kernels ?? jsKernels,
            where: 'loss',
          });
        let loss: LossLayer;
        try {
          loss = create();
        } catch (error) {
          recorder.run('create', setting, () => `threw ${(error as Error).message}`);
          continue;
        }
        const prediction = randomMatrix(batchSize, size, random);
        const target = makeTargets(batchSize, size, random);
        const comparison = checkLossGradients(loss, prediction.clone(), target.clone(), options);
        recorder.run('gradient of prediction', setting, () =>
          comparison.passed
            ? undefined
            : `element ${comparison.worst?.index} analytic ` +
              `${comparison.worst?.analytic} vs numeric ${comparison.worst?.numeric}`,
        );
        recorder.run('forward keeps its arguments', setting, () =>
          checkArgumentsKept(loss, prediction.clone(), target.clone()),
        );
        recorder.run('batch equals mean of samples', setting, () =>
          checkBatchAgainstSamples(loss, prediction.clone(), target.clone()),
        );
        recorder.run('forward is deterministic', setting, () =>
          checkSame(loss, loss, prediction.clone(), target.clone(), 'a repeated forward'),
        );
        recorder.run('save and load', setting, () =>
          checkSame(loss, create(), prediction.clone(), target.clone(), 'a config read back from JSON'),
        );
      }
    }
  }
  return recorder.report();
}

function evaluate(loss: LossLayer, prediction: Matrix, target: Matrix): { value: number; gradient: FloatArray } {
  const value = loss.forward(prediction, target);
  return { value, gradient: loss.backward().data.slice() };
}

function checkBatchAgainstSamples(loss: LossLayer, prediction: Matrix, target: Matrix): string | undefined {
  const batch = evaluate(loss, prediction, target);
  const n = prediction.rows;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const sample = evaluate(
      loss,
      new Matrix(1, prediction.cols, prediction.row(i).slice()),
      new Matrix(1, target.cols, target.row(i).slice()),
    );
    mean += sample.value / n;
    const problem = worstRelativeDifference(
      `∂J/∂prediction row ${i} (batch vs sample / N)`,
      batch.gradient.subarray(i * prediction.cols, (i + 1) * prediction.cols),
      sample.gradient.map((g) => g / n),
      1e-12,
    );
    if (problem !== undefined) return problem;
  }
  return worstRelativeDifference(
    'J (batch vs mean of samples)',
    Float64Array.of(batch.value),
    Float64Array.of(mean),
    1e-12,
  );
}

function checkArgumentsKept(loss: LossLayer, prediction: Matrix, target: Matrix): string | undefined {
  const predictionCopy = prediction.data.slice();
  const targetCopy = target.data.slice();
  evaluate(loss, prediction, target);
  return (
    firstBitDifference('prediction after forward', prediction.data, predictionCopy) ??
    firstBitDifference('target after forward', target.data, targetCopy)
  );
}

function checkSame(
  first: LossLayer,
  second: LossLayer,
  prediction: Matrix,
  target: Matrix,
  what: string,
): string | undefined {
  const a = evaluate(first, prediction, target);
  const b = evaluate(second, prediction, target);
  return (
    firstBitDifference(`J of ${what}`, Float64Array.of(b.value), Float64Array.of(a.value)) ??
    firstBitDifference(`∂J/∂prediction of ${what}`, b.gradient, a.gradient)
  );
}
