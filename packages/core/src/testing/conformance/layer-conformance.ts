import type { FloatArray } from '../../matrix.js';
import { builtinInitializers } from '../../initializers/builtin-initializers.js';
import type { InitializerRegistration } from '../../initializers/initializer.js';
import { jsKernels } from '../../js-kernels.js';
import type { Kernels } from '../../kernels.js';
import type { Layer, LayerRegistration, LayerSpec } from '../../layer.js';
import { createLayerContext } from '../../layer-context.js';
import { Matrix } from '../../matrix.js';
import { restoreParameters, saveParameters } from '../../model/saved-parameters.js';
import type { RandomSource } from '../../random-source.js';
import { Registry } from '../../registry.js';
import { SeededRandom } from '../../seeded-random.js';
import type { Tolerances } from '../compare-gradients.js';
import { checkLayerGradients } from '../gradient-check.js';
import { randomMatrix } from '../random-matrix.js';
import { firstBitDifference, worstRelativeDifference } from './compare-arrays.js';
import { ConformanceRecorder, type ConformanceReport } from './conformance-report.js';

/** Options of {@link checkLayerConformance}. */
export interface LayerConformanceOptions extends Partial<Tolerances> {
  /** Configs to build; default the registration's `examples`, or `{ kind }`. */
  readonly configs?: readonly LayerSpec[];
  /** Input sizes to build each config with; default [1, 4]. */
  readonly inputSizes?: readonly number[];
  /** Batch sizes to run; default [1, 5]. */
  readonly batchSizes?: readonly number[];
  /** Makes an input batch; default N(0, 1) draws. Use it to keep inputs away from kinks (ReLU at 0). */
  readonly makeInput?: (rows: number, cols: number, random: RandomSource) => Matrix;
  /** Replace every parameter by N(0, 0.5²) draws before checking (default true), so zero biases are exercised too. */
  readonly randomizeParameters?: boolean;
  /** Kernels to build with; default the JS kernels. */
  readonly kernels?: Kernels;
  /** Initializers the configs may name; default core's built-in ones. */
  readonly initializers?: readonly InitializerRegistration[];
  /** Seed of every draw; default 1. */
  readonly seed?: number;
  /** Step of the central differences; default 1e-6. */
  readonly step?: number;
}

/**
 * Checks a layer registration the way bpnet checks its own layers, for every config × input size × batch size:
 * - **gradients**: `backward` against central differences, for the input and every parameter (float64);
 * - **batch equals sum of samples**: the batch's parameter gradients equal the sum of the samples' gradients taken
 *   one at a time (the loss supplies the 1/N that makes this the mean), and row n of the output and of ∂J/∂input
 *   depends on sample n alone;
 * - **backward keeps its arguments**: neither `forward` nor `backward` modifies the matrices it is given;
 * - **forward is deterministic**: the same input gives the same bits, also after a backward;
 * - **save and load**: parameters written to JSON and read into a freshly created layer reproduce outputs and
 *   gradients bit for bit;
 * - **backwardParameters matches backward** (when the layer has it): the same parameter gradients, bit for bit.
 * A failure names the kind, the check, the setting, the worst element and its numbers.
 */
export function checkLayerConformance(registration: LayerRegistration, options: LayerConformanceOptions = {}): ConformanceReport {
  const recorder = new ConformanceRecorder(registration.kind);
  const configs = options.configs ?? registration.examples ?? [{ kind: registration.kind }];
  const makeInput = options.makeInput ?? ((rows: number, cols: number, random: RandomSource) => randomMatrix(rows, cols, random));
  for (const config of configs) {
    for (const inputSize of options.inputSizes ?? [1, 4]) {
      for (const batchSize of options.batchSizes ?? [1, 5]) {
        const setting = `config ${JSON.stringify(config)}, input size ${inputSize}, batch ${batchSize}`;
        const random = new SeededRandom(options.seed ?? 1);
        const create = () => createLayer(registration, config, inputSize, options, random);
        let layer: Layer;
        try {
          layer = create();
        } catch (error) {
          recorder.run('create', setting, () => `threw ${(error as Error).message}`);
          continue;
        }
        const input = makeInput(batchSize, inputSize, random);
        const sensitivity = randomMatrix(batchSize, layer.outputSize, random);
        for (const comparison of checkLayerGradients(layer, input.clone(), { ...options, random })) {
          recorder.run(`gradient of ${comparison.name}`, setting, () =>
            comparison.passed
              ? undefined
              : `element ${comparison.worst?.index} analytic ${comparison.worst?.analytic} vs numeric ${comparison.worst?.numeric} (max relative error ${comparison.maxRelativeError.toExponential(2)})`,
          );
        }
        // Each check gets its own copies, so a layer that damages its arguments cannot hide it from a later check.
        recorder.run('backward keeps its arguments', setting, () => checkArgumentsKept(layer, input.clone(), sensitivity.clone()));
        recorder.run('batch equals sum of samples', setting, () => checkBatchAgainstSamples(layer, input.clone(), sensitivity.clone()));
        recorder.run('forward is deterministic', setting, () => checkDeterministic(layer, input.clone(), sensitivity.clone()));
        recorder.run('save and load', setting, () => checkSaveAndLoad(layer, create(), input.clone(), sensitivity.clone()));
        if (layer.backwardParameters !== undefined) {
          recorder.run('backwardParameters matches backward', setting, () => checkBackwardParameters(layer, input.clone(), sensitivity.clone()));
        }
      }
    }
  }
  return recorder.report();
}

function createLayer(registration: LayerRegistration, config: LayerSpec, inputSize: number, options: LayerConformanceOptions, random: RandomSource): Layer {
  const services = {
    kernels: options.kernels ?? jsKernels,
    random,
    initializers: new Registry('initializer', options.initializers ?? builtinInitializers),
  };
  const layer = registration.create(structuredClone(config), createLayerContext(services, inputSize, 'layers[0]'));
  if (layer.inputSize !== inputSize) throw new Error(`the layer reports inputSize ${layer.inputSize}, expected ${inputSize}`);
  if (options.randomizeParameters ?? true) {
    for (const { value } of layer.parameters()) for (let i = 0; i < value.data.length; i++) value.data[i] = 0.5 * random.normal();
  }
  return layer;
}

/** Runs forward and backward with zeroed gradients; returns copies of the output, ∂J/∂input and each ∂J/∂p. */
function pass(layer: Layer, input: Matrix, sensitivity: Matrix): { output: Matrix; inputGradient: Matrix; gradients: FloatArray[] } {
  for (const { grad } of layer.parameters()) grad.data.fill(0);
  const output = layer.forward(input).clone();
  const inputGradient = layer.backward(sensitivity).clone();
  return { output, inputGradient, gradients: layer.parameters().map(({ grad }) => grad.data.slice()) };
}

function row(matrix: Matrix, index: number): Matrix {
  return new Matrix(1, matrix.cols, matrix.row(index).slice());
}

function checkBatchAgainstSamples(layer: Layer, input: Matrix, sensitivity: Matrix): string | undefined {
  const batch = pass(layer, input, sensitivity);
  const summed = layer.parameters().map(({ grad }) => new Float64Array(grad.data.length));
  for (let n = 0; n < input.rows; n++) {
    const sample = pass(layer, row(input, n), row(sensitivity, n));
    const problem =
      worstRelativeDifference(`output row ${n}`, batch.output.row(n), sample.output.data, 1e-12) ??
      worstRelativeDifference(`∂J/∂input row ${n}`, batch.inputGradient.row(n), sample.inputGradient.data, 1e-12);
    if (problem !== undefined) return problem;
    sample.gradients.forEach((gradient, p) => gradient.forEach((g, i) => (summed[p][i] += g)));
  }
  for (const [p, parameter] of layer.parameters().entries()) {
    const problem = worstRelativeDifference(`∂J/∂${parameter.name} (batch vs sum of samples)`, batch.gradients[p], summed[p], 1e-10);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function checkArgumentsKept(layer: Layer, input: Matrix, sensitivity: Matrix): string | undefined {
  const inputCopy = input.data.slice();
  const sensitivityCopy = sensitivity.data.slice();
  pass(layer, input, sensitivity);
  return firstBitDifference('input after forward and backward', input.data, inputCopy) ?? firstBitDifference('sensitivity after backward', sensitivity.data, sensitivityCopy);
}

function checkDeterministic(layer: Layer, input: Matrix, sensitivity: Matrix): string | undefined {
  const first = pass(layer, input, sensitivity);
  const second = pass(layer, input, sensitivity);
  return (
    firstBitDifference('output of a repeated forward', second.output.data, first.output.data) ??
    firstBitDifference('∂J/∂input of a repeated backward', second.inputGradient.data, first.inputGradient.data) ??
    second.gradients.map((g, p) => firstBitDifference(`∂J/∂${layer.parameters()[p].name} of a repeated backward`, g, first.gradients[p])).find((m) => m)
  );
}

function checkSaveAndLoad(layer: Layer, fresh: Layer, input: Matrix, sensitivity: Matrix): string | undefined {
  const named = (target: Layer) => target.parameters().map((parameter) => ({ path: parameter.name, parameter }));
  restoreParameters(named(fresh), JSON.parse(JSON.stringify(saveParameters(named(layer)))), 'saved layer');
  const original = pass(layer, input, sensitivity);
  const loaded = pass(fresh, input, sensitivity);
  return (
    firstBitDifference('output after save and load', loaded.output.data, original.output.data) ??
    firstBitDifference('∂J/∂input after save and load', loaded.inputGradient.data, original.inputGradient.data) ??
    loaded.gradients.map((g, p) => firstBitDifference(`∂J/∂${layer.parameters()[p].name} after save and load`, g, original.gradients[p])).find((m) => m)
  );
}

function checkBackwardParameters(layer: Layer, input: Matrix, sensitivity: Matrix): string | undefined {
  const full = pass(layer, input, sensitivity);
  for (const { grad } of layer.parameters()) grad.data.fill(0);
  layer.forward(input);
  layer.backwardParameters?.(sensitivity);
  return layer
    .parameters()
    .map((parameter, p) => firstBitDifference(`∂J/∂${parameter.name} from backwardParameters`, parameter.grad.data, full.gradients[p]))
    .find((message) => message !== undefined);
}
