import { jsKernels } from '../../kernels/js-kernels.js';
import type { Kernels } from '../../kernels/kernels.js';
import type { OptimizerRegistration, OptimizerSpec } from '../../optimizers/optimizer.js';
import { SeededRandom } from '../../random/seeded-random.js';
import { firstBitDifference, worstRelativeDifference } from './compare-arrays.js';
import { ConformanceRecorder, type ConformanceReport } from './conformance-report.js';
import {
  checkRefusals,
  checkStateRoundTrip,
  savedThroughJson,
  STEPS_BEFORE_SAVING,
  statesThatDoNotFit,
  type StateToRefuse,
} from './optimizer-state-checks.js';
import { optimizerAfter, type OptimizerTrial, takeSteps } from './optimizer-trial.js';
import { checkUndo } from './optimizer-undo-check.js';
import { describeParameter, QuadraticObjective } from './quadratic-objective.js';

/**
 * One step of an optimizer's documented formula in plain JavaScript, written independently of the optimizer: updates
 * `values` (one array per parameter) in place from `gradients` with learning rate η. It keeps whatever state the
 * formula needs (velocity, moments, step count) between calls, so each instance follows one run.
 */
export type ReferenceUpdate = (values: Float64Array[], gradients: Float64Array[], learningRate: number) => void;

/** Options of {@link checkOptimizerConformance}. */
export interface OptimizerConformanceOptions<Config extends OptimizerSpec = OptimizerSpec> {
  /**
   * Configs to check; default the registration's `examples`, or `{ kind }`. Configs that differ (as JSON with sorted
   * keys) must describe different optimizers: each must refuse the others' states.
   */
  readonly configs?: readonly Config[];
  /** Creates a fresh {@link ReferenceUpdate} for a config; the kit creates one per config. Required. */
  readonly reference: (config: Config) => ReferenceUpdate;
  /** Kernels that allocate the parameters and are passed to `step`; default `jsKernels`. */
  readonly kernels?: Kernels;
  /** Seed of the objective's starting values, curvatures and centres; default 1. */
  readonly seed?: number;
  /** Steps in the formula, descent and gradient checks; default 5. */
  readonly steps?: number;
  /** η; default 0.05. */
  readonly learningRate?: number;
  /**
   * Relative tolerance of the formula check, |optimizer − reference| ≤ tolerance · max(|optimizer|, |reference|);
   * default 1e-12 (a few rounding differences from the reference's order of operations). Loosen it for kernels
   * that allocate float32 parameters: the reference computes in float64.
   */
  readonly tolerance?: number;
}

/**
 * Checks an optimizer registration, for every config, on the objective J = ½ Σᵢ aᵢ (wᵢ − cᵢ)² over two parameters,
 * 3×2 and 1×4 (starting values and centres cᵢ ~ N(0, 1), curvatures aᵢ ~ U(0.5, 2), all from `SeededRandom(seed)`),
 * whose gradient a ⊙ (w − c) the kit sets before each step. The checks, as named in the report:
 *
 * - `'step equals the documented formula'`: after each of `steps` steps, every value equals what `reference`
 *   computes from copies of the same starting values and gradients, within the relative `tolerance`.
 * - `'descends on a quadratic'`: J after `steps` steps is below J at the start.
 * - `'leaves gradients alone'`: `step` does not change any `grad`, bit for bit.
 * - `'state round-trips'`: after 3 steps, `saveState()` written to JSON and read back loads into a fresh optimizer
 *   of the same config (on copies of the parameters); both then take 2 more steps and agree bit for bit, in values
 *   after each step and in their final saved states.
 * - `'undoes a step exactly'` (for an optimizer with `undo`): after 0 and after 3 steps, one step on the objective's
 *   gradient and one on gradients of Infinity, each undone (values put back, then `undo()`), must leave the
 *   optimizer bit for bit like a twin that never took it: `saveState()` at once, values and state over 2 more steps.
 * - `"refuses another configuration's state"` (when another config differs from this one): the state another
 *   config's optimizer saves after 3 steps must make `loadState` throw (else the failure reads
 *   `accepted a state saved under {…}`).
 * - `'refuses a state that does not fit'`: its own config's state with another kind and (when it has slots) with one
 *   value too few for the last parameter must make `loadState` throw.
 *
 * Both refusal checks then step the optimizer that refused 2 more times beside a twin that never saw those
 * states: they must agree bit for bit, so a refused load changed nothing. A config that cannot be created is
 * reported as a failed `'create'` check instead; a check that throws is a failure showing the error's message.
 */
export function checkOptimizerConformance<Config extends OptimizerSpec>(
  registration: OptimizerRegistration<Config>,
  options: OptimizerConformanceOptions<Config>,
): ConformanceReport {
  const recorder = new ConformanceRecorder(registration.kind);
  const configs = options.configs ?? registration.examples ?? [{ kind: registration.kind } as Config];
  const steps = options.steps ?? 5;
  const tolerance = options.tolerance ?? 1e-12;
  const learningRate = options.learningRate ?? 0.05;
  const objective = new QuadraticObjective(new SeededRandom(options.seed ?? 1));
  const trials = configs.map(
    (config): OptimizerTrial => ({
      create: () => registration.create(JSON.parse(JSON.stringify(config)) as Config),
      objective,
      kernels: options.kernels ?? jsKernels,
      learningRate,
    }),
  );
  const savedStates = trials.map((trial) =>
    attempt(() => savedThroughJson(optimizerAfter(trial, STEPS_BEFORE_SAVING).optimizer)),
  );
  configs.forEach((config, index) => {
    const trial = trials[index];
    const configText = JSON.stringify(config);
    const setting = `config ${configText}, parameters ${objective.shapes}, η = ${learningRate}, ${steps} steps`;
    try {
      trial.create();
    } catch (error) {
      recorder.run('create', setting, () => `threw ${(error as Error).message}`);
      return;
    }
    recorder.run('step equals the documented formula', setting, () =>
      checkFormula(trial, options.reference(config), steps, tolerance),
    );
    recorder.run('descends on a quadratic', setting, () => checkDescent(trial, steps));
    recorder.run('leaves gradients alone', setting, () => checkGradientsKept(trial, steps));
    recorder.run('state round-trips', setting, () => checkStateRoundTrip(trial));
    if (trial.create().undo !== undefined) recorder.run('undoes a step exactly', setting, () => checkUndo(trial));
    const otherStates = configs.flatMap((other, i): StateToRefuse[] => {
      const state = savedStates[i];
      return state === undefined || sameConfig(other, config)
        ? []
        : [{ state, what: `a state saved under ${JSON.stringify(other)}` }];
    });
    if (otherStates.length > 0)
      recorder.run("refuses another configuration's state", setting, () => checkRefusals(trial, otherStates));
    recorder.run('refuses a state that does not fit', setting, () => checkRefusals(trial, statesThatDoNotFit(trial)));
  });
  return recorder.report();
}

/**
 * Steps the optimizer and the reference side by side; the worst value beyond `tolerance` after the first step that has
 * one.
 */
function checkFormula(
  trial: OptimizerTrial,
  reference: ReferenceUpdate,
  steps: number,
  tolerance: number,
): string | undefined {
  const { optimizer, parameters } = optimizerAfter(trial, 0);
  const values = parameters.map((parameter) => Float64Array.from(parameter.value.data));
  for (let step = 1; step <= steps; step++) {
    trial.objective.setGradients(parameters);
    const gradients = parameters.map((parameter) => Float64Array.from(parameter.grad.data));
    optimizer.step(parameters, trial.learningRate, trial.kernels);
    reference(values, gradients, trial.learningRate);
    for (let i = 0; i < parameters.length; i++) {
      const what = `${describeParameter(parameters[i])} after step ${step} (optimizer vs reference)`;
      const problem = worstRelativeDifference(what, parameters[i].value.data, values[i], tolerance);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

function checkDescent(trial: OptimizerTrial, steps: number): string | undefined {
  const stepped = optimizerAfter(trial, 0);
  const before = trial.objective.value(stepped.parameters);
  takeSteps(trial, stepped, steps);
  const after = trial.objective.value(stepped.parameters);
  return after < before ? undefined : `J is ${after} after ${steps} steps, not below ${before} at the start`;
}

function checkGradientsKept(trial: OptimizerTrial, steps: number): string | undefined {
  const { optimizer, parameters } = optimizerAfter(trial, 0);
  for (let step = 1; step <= steps; step++) {
    trial.objective.setGradients(parameters);
    const gradients = parameters.map((parameter) => parameter.grad.data.slice());
    optimizer.step(parameters, trial.learningRate, trial.kernels);
    for (let i = 0; i < parameters.length; i++) {
      const problem = firstBitDifference(
        `grad of ${describeParameter(parameters[i])} in step ${step} (after vs before)`,
        parameters[i].grad.data,
        gradients[i],
      );
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/** Whether two configs are the same, whatever the order of their keys. */
function sameConfig(a: OptimizerSpec, b: OptimizerSpec): boolean {
  const canonical = (config: OptimizerSpec) =>
    JSON.stringify(Object.entries(config).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return canonical(a) === canonical(b);
}

/** `make()`'s result, or undefined if it throws (the check that needs it reports the error). */
function attempt<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}
