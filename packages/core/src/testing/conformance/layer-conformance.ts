import { builtinInitializers } from '../../initializers/builtin-initializers.js';
import type { InitializerRegistration } from '../../initializers/initializer.js';
import { jsKernels } from '../../kernels/js-kernels.js';
import type { Kernels } from '../../kernels/kernels.js';
import type { AnyLayerRegistration, LayerSpec, Phase } from '../../contract/layer.js';
import { LayerFactory } from '../../contract/layer-context.js';
import { describeLayerTree, type LayerTree } from '../../contract/layer-tree.js';
import type { Matrix } from '../../kernels/matrix.js';
import type { RandomSource } from '../../random/random-source.js';
import { Registry } from '../../di/registry.js';
import { SeededRandom } from '../../random/seeded-random.js';
import type { Tolerances } from '../compare-gradients.js';
import { describeFailure } from '../compare-gradients.js';
import { DEFAULT_DRAW_SEED, fixedPass } from '../fixed-passes.js';
import { checkLayerGradients } from '../gradient-check.js';
import { randomMatrix } from '../random-matrix.js';
import { brief } from '../../validation/brief.js';
import { ConformanceRecorder, type ConformanceReport } from './conformance-report.js';
import {
  checkArgumentsKept,
  checkBackwardAdds,
  checkBackwardParameters,
  checkBatchAgainstSamples,
  checkDeterministic,
  checkDrawsInTraining,
  checkPermutedBatch,
  checkSaveAndLoad,
  checkStateUnchanged,
  checkSingleSampleTraining,
  checkStateNotTrainable,
  type LayerUnderTest,
} from './layer-checks.js';

/** Options of {@link checkLayerConformance}. */
export interface LayerConformanceOptions extends Partial<Tolerances> {
  /** Configs to build; default the registration's `examples`, or `{ kind }`. */
  readonly configs?: readonly LayerSpec[];
  /** Input sizes to build each config with; default [1, 4]. */
  readonly inputSizes?: readonly number[];
  /** Batch sizes to run; default [1, 5]. Layers that couple samples skip batches of one in training. */
  readonly batchSizes?: readonly number[];
  /** The phases to check in; default both, `['training', 'inference']`. */
  readonly phases?: readonly Phase[];
  /** Makes an input batch; default N(0, 1) draws. Use it to keep inputs away from kinks (ReLU at 0). */
  readonly makeInput?: (rows: number, cols: number, random: RandomSource) => Matrix;
  /**
   * Replace every parameter (children's too) by N(0, 0.5²) draws before checking (default true), so zero biases are
   * exercised too.
   */
  readonly randomizeParameters?: boolean;
  /**
   * Training forwards run on random batches before the checks, so that state (running statistics) is away from its
   * initial value; default 2. Each draws from its own fixed source.
   */
  readonly warmUpPasses?: number;
  /**
   * Kernels to build with; default the JS kernels. The gradient checks need float64 (central differences are
   * meaningless in float32): use float64 kernels here (`jsKernels`, `new WasmKernels()`) and compare a float32
   * backend's results with float64 ones in your own tests.
   */
  readonly kernels?: Kernels;
  /** Initializers the configs may name; default core's built-in ones. */
  readonly initializers?: readonly InitializerRegistration[];
  /** Other layer kinds that nested specs may name (for containers); the registration checked is always available. */
  readonly layers?: readonly AnyLayerRegistration[];
  /** Seed of every draw; default 1. */
  readonly seed?: number;
  /** Seed of the fixed draws a stochastic layer gets in each training forward; default 7. */
  readonly drawSeed?: number;
  /** Step of the central differences; default 1e-6. */
  readonly step?: number;
}

/**
 * Checks a layer registration the way bpnet checks its own layers, for every config × input size × batch size ×
 * phase. Every forward of a check starts from the same state and, in training, a stochastic layer gets the same
 * draws (fixed draws); inference passes refuse draws, and so do training passes of layers that do not declare
 * `stochastic`.
 * - **gradient of input / of each parameter** (children's by path): `backward` against central differences (float64);
 * - **batch equals sum of samples**: the batch's parameter gradients equal the sum of the samples' gradients taken
 *   one at a time, and row n of the output and of ∂J/∂input depends on sample n alone. Run in inference always; in
 *   training unless the layer couples samples (then **batch rows permute**: permuting the batch permutes the output
 *   and ∂J/∂input rows and leaves the parameter gradients unchanged) or is stochastic (its draws follow positions);
 * - **backward keeps its arguments**: neither `forward` nor `backward` modifies the matrices it is given;
 * - **stochastic layers draw in training** (when the tree declares `stochastic`): a training forward draws at least
 *   once from `pass.random` (catches a container that hands its children another pass);
 * - **forward is deterministic**: the same input, state and draws give the same bits, also after a backward;
 * - **backward adds into gradients**: a second `backward` of the same pass adds the same gradients again (catches
 *   `=` written for `+=`);
 * - **state changes only in a training forward**: `backward` never changes state, and neither does an inference pass;
 * - **state is not trainable** (once per setting): no state buffer is also a parameter's value or gradient;
 * - **save and load**: parameters and state written to JSON and read into a freshly created layer give the same
 *   state, outputs and gradients, bit for bit;
 * - **backwardParameters matches backward** (when the layer has it): the same parameter gradients, bit for bit;
 * - **a batch of one in training** (layers that couple samples, instead of the checks above): the training forward
 *   either gives a finite output of the right shape or throws an Error, and then leaves the state as it was.
 * A failure names the kind, the check, the setting (config, sizes, phase), the worst element and its numbers.
 */
export function checkLayerConformance(
  registration: AnyLayerRegistration,
  options: LayerConformanceOptions = {},
): ConformanceReport {
  const recorder = new ConformanceRecorder(registration.kind);
  const configs = options.configs ?? registration.examples ?? [{ kind: registration.kind }];
  const makeInput =
    options.makeInput ?? ((rows: number, cols: number, random: RandomSource) => randomMatrix(rows, cols, random));
  const layers = new Registry('layer', [
    registration,
    ...(options.layers ?? []).filter(({ kind }) => kind !== registration.kind),
  ]);
  for (const config of configs) {
    for (const inputSize of options.inputSizes ?? [1, 4]) {
      for (const batchSize of options.batchSizes ?? [1, 5]) {
        const setting = `config ${brief(config, 1000)}, input size ${inputSize}, batch ${batchSize}`;
        const random = new SeededRandom(options.seed ?? 1);
        const create = () => createLayer(layers, config, inputSize, options, random);
        let subject: LayerUnderTest;
        try {
          subject = create();
        } catch (error) {
          recorder.run('create', setting, () => `threw ${(error as Error).message}`);
          continue;
        }
        try {
          warmUp(subject, batchSize, makeInput, random, options.warmUpPasses ?? 2);
        } catch (error) {
          recorder.run('warm-up training forwards', setting, () => `threw ${(error as Error).message}`);
          continue;
        }
        recorder.run('state is not trainable', setting, () => checkStateNotTrainable(subject));
        for (const phase of options.phases ?? ['training', 'inference']) {
          if (phase === 'training' && subject.tree.couplesSamples && batchSize < 2) {
            recorder.run('a batch of one in training', `${setting}, training`, () =>
              checkSingleSampleTraining(subject, makeInput(batchSize, inputSize, random)),
            );
            continue;
          }
          checkPhase(
            recorder,
            subject,
            create,
            phase,
            `${setting}, ${phase}`,
            makeInput(batchSize, inputSize, random),
            randomMatrix(batchSize, subject.layer.outputSize, random),
            options,
          );
        }
      }
    }
  }
  return recorder.report();
}

function checkPhase(
  recorder: ConformanceRecorder,
  subject: LayerUnderTest,
  create: () => LayerUnderTest,
  phase: Phase,
  setting: string,
  input: Matrix,
  sensitivity: Matrix,
  options: LayerConformanceOptions,
): void {
  const { layer, tree } = subject;
  const drawSeed = options.drawSeed ?? DEFAULT_DRAW_SEED;
  const pass = fixedPass(phase, tree.stochastic, drawSeed);
  const gradientRandom = new SeededRandom((options.seed ?? 1) + 1);
  let comparisons: ReturnType<typeof checkLayerGradients>;
  try {
    comparisons = checkLayerGradients(layer, input.clone(), { ...options, phase, drawSeed, random: gradientRandom });
  } catch (error) {
    recorder.run('gradients', setting, () => `threw ${(error as Error).message}`);
    return;
  }
  for (const comparison of comparisons) {
    recorder.run(`gradient of ${comparison.name}`, setting, () =>
      comparison.passed ? undefined : describeFailure(comparison),
    );
  }
  // Each check gets its own copies, so a layer that damages its arguments cannot hide it from a later check.
  const s = { ...subject, pass };
  recorder.run('backward keeps its arguments', setting, () =>
    checkArgumentsKept(s, input.clone(), sensitivity.clone()),
  );
  if (phase === 'inference' || (!tree.couplesSamples && !tree.stochastic)) {
    recorder.run('batch equals sum of samples', setting, () =>
      checkBatchAgainstSamples(s, input.clone(), sensitivity.clone()),
    );
  } else if (!tree.stochastic && input.rows > 1) {
    recorder.run('batch rows permute', setting, () => checkPermutedBatch(s, input.clone(), sensitivity.clone()));
  }
  if (phase === 'training' && tree.stochastic)
    recorder.run('stochastic layers draw in training', setting, () => checkDrawsInTraining(subject, input.clone()));
  recorder.run('forward is deterministic', setting, () => checkDeterministic(s, input.clone(), sensitivity.clone()));
  recorder.run('backward adds into gradients', setting, () => checkBackwardAdds(s, input.clone(), sensitivity.clone()));
  recorder.run('state changes only in a training forward', setting, () =>
    checkStateUnchanged(s, phase, input.clone(), sensitivity.clone()),
  );
  recorder.run('save and load', setting, () =>
    checkSaveAndLoad(s, { ...create(), pass }, input.clone(), sensitivity.clone()),
  );
  if (layer.backwardParameters !== undefined) {
    recorder.run('backwardParameters matches backward', setting, () =>
      checkBackwardParameters(s, input.clone(), sensitivity.clone()),
    );
  }
}

function createLayer(
  layers: Registry<AnyLayerRegistration>,
  config: LayerSpec,
  inputSize: number,
  options: LayerConformanceOptions,
  random: RandomSource,
): LayerUnderTest {
  const factory = new LayerFactory({
    kernels: options.kernels ?? jsKernels,
    random,
    initializers: new Registry('initializer', options.initializers ?? builtinInitializers),
    layers,
  });
  const layer = factory.build(structuredClone(config), inputSize, 'layers[0]');
  const tree: LayerTree = describeLayerTree([{ name: '', layer }]);
  if (options.randomizeParameters ?? true) {
    for (const { parameter } of tree.parameters) {
      const { data } = parameter.value;
      for (let i = 0; i < data.length; i++) data[i] = 0.5 * random.normal();
    }
  }
  return { layer, tree };
}

/** Training forwards on random batches (at least two rows for layers that couple samples), each with its own draws. */
function warmUp(
  subject: LayerUnderTest,
  batchSize: number,
  makeInput: NonNullable<LayerConformanceOptions['makeInput']>,
  random: RandomSource,
  passes: number,
): void {
  const rows = subject.tree.couplesSamples ? Math.max(batchSize, 2) : batchSize;
  for (let k = 0; k < passes; k++) {
    subject.layer.forward(
      makeInput(rows, subject.layer.inputSize, random),
      fixedPass('training', subject.tree.stochastic, 1000 + k)(),
    );
  }
}
