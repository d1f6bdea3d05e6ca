import type { ForwardPass, Layer, Phase } from '../../contract/layer.js';
import type { LayerTree } from '../../contract/layer-tree.js';
import { type FloatArray, Matrix } from '../../kernels/matrix.js';
import { checkSavedValues, commitValues, saveValues } from '../../model/saved-parameters.js';
import type { RandomSource } from '../../random/random-source.js';
import { SeededRandom } from '../../random/seeded-random.js';
import { DEFAULT_DRAW_SEED, fixedPass, StateSnapshot } from '../fixed-passes.js';
import { firstBitDifference, worstRelativeDifference } from './compare-arrays.js';

/** A layer built for the kit, with its tree (parameters and state by relative path, declarations). */
export interface LayerUnderTest {
  readonly layer: Layer;
  readonly tree: LayerTree;
}

/** A layer under test with the passes of the phase being checked (fixed draws in training). */
export interface CheckedLayer extends LayerUnderTest {
  readonly pass: () => ForwardPass;
}

/** What one forward and backward left: copies of the output, ∂J/∂input, each parameter's gradient and the state. */
interface PassResult {
  readonly output: Matrix;
  readonly inputGradient: Matrix;
  readonly gradients: FloatArray[];
  readonly state: FloatArray[];
}

/**
 * Zeroes the gradients, runs a forward of `input` with the check's pass, then `after` (the backward calls and what
 * they are measured by), and puts the state back as it was before the forward.
 */
function afterForward<T>({ layer, tree, pass }: CheckedLayer, input: Matrix, after: (output: Matrix) => T): T {
  const snapshot = new StateSnapshot(tree.state.map(({ state }) => state));
  for (const { parameter } of tree.parameters) parameter.grad.data.fill(0);
  try {
    return after(layer.forward(input, pass()));
  } finally {
    snapshot.restore();
  }
}

/** Copies of every parameter's gradient, in tree order. */
function gradientsOf(tree: LayerTree): FloatArray[] {
  return tree.parameters.map(({ parameter }) => parameter.grad.data.slice());
}

/** Runs forward and backward from the layer's current state with zeroed gradients; the state is put back after. */
function run(subject: CheckedLayer, input: Matrix, sensitivity: Matrix): PassResult {
  const { layer, tree } = subject;
  return afterForward(subject, input, (output) => ({
    output: output.clone(),
    inputGradient: layer.backward(sensitivity).clone(),
    gradients: gradientsOf(tree),
    state: tree.state.map(({ state }) => state.value.data.slice()),
  }));
}

/** The first parameter whose gradient is not twice `once`'s (to 1e-12), named with `what` was called twice. */
function notDoubled(tree: LayerTree, once: readonly FloatArray[], what: string): string | undefined {
  return tree.parameters
    .map(({ path, parameter }, p) =>
      worstRelativeDifference(
        `∂J/∂${path} after two ${what} (expected twice one's: it must add, +=, not assign)`,
        parameter.grad.data,
        Float64Array.from(once[p], (g) => 2 * g),
        1e-12,
      ),
    )
    .find((message) => message !== undefined);
}

function row(matrix: Matrix, index: number): Matrix {
  return new Matrix(1, matrix.cols, matrix.row(index).slice());
}

/** Row n of the output and of ∂J/∂input depend on sample n alone; the batch's gradients are the sum of the samples'. */
export function checkBatchAgainstSamples(
  subject: CheckedLayer,
  input: Matrix,
  sensitivity: Matrix,
): string | undefined {
  const batch = run(subject, input, sensitivity);
  const { parameters } = subject.tree;
  const summed = parameters.map(({ parameter }) => new Float64Array(parameter.grad.data.length));
  for (let n = 0; n < input.rows; n++) {
    const sample = run(subject, row(input, n), row(sensitivity, n));
    const problem =
      worstRelativeDifference(`output row ${n}`, batch.output.row(n), sample.output.data, 1e-12) ??
      worstRelativeDifference(`∂J/∂input row ${n}`, batch.inputGradient.row(n), sample.inputGradient.data, 1e-12);
    if (problem !== undefined) return problem;
    sample.gradients.forEach((gradient, p) => gradient.forEach((g, i) => (summed[p][i] += g)));
  }
  for (const [p, { path }] of parameters.entries()) {
    const problem = worstRelativeDifference(
      `∂J/∂${path} (batch vs sum of samples)`,
      batch.gradients[p],
      summed[p],
      1e-10,
    );
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/**
 * For layers that couple samples: the batch in reverse order gives the output and ∂J/∂input rows in reverse order,
 * and the same parameter gradients (to round-off, since sums over the batch run in another order).
 */
export function checkPermutedBatch(subject: CheckedLayer, input: Matrix, sensitivity: Matrix): string | undefined {
  const reverse = (matrix: Matrix) => Matrix.fromRows(matrix.toRows().reverse());
  const straight = run(subject, input, sensitivity);
  const reversed = run(subject, reverse(input), reverse(sensitivity));
  const problem =
    worstRelativeDifference(
      'output of the reversed batch, reversed back',
      reverse(reversed.output).data,
      straight.output.data,
      1e-10,
    ) ??
    worstRelativeDifference(
      '∂J/∂input of the reversed batch, reversed back',
      reverse(reversed.inputGradient).data,
      straight.inputGradient.data,
      1e-10,
    );
  if (problem !== undefined) return problem;
  return subject.tree.parameters
    .map(({ path }, p) =>
      worstRelativeDifference(`∂J/∂${path} of the reversed batch`, reversed.gradients[p], straight.gradients[p], 1e-10),
    )
    .find((message) => message !== undefined);
}

/** Neither forward nor backward modifies the matrices it is given. */
export function checkArgumentsKept(subject: CheckedLayer, input: Matrix, sensitivity: Matrix): string | undefined {
  const inputCopy = input.data.slice();
  const sensitivityCopy = sensitivity.data.slice();
  run(subject, input, sensitivity);
  return (
    firstBitDifference('input after forward and backward', input.data, inputCopy) ??
    firstBitDifference('sensitivity after backward', sensitivity.data, sensitivityCopy)
  );
}

/** The same input, state and draws give the same bits twice. */
export function checkDeterministic(subject: CheckedLayer, input: Matrix, sensitivity: Matrix): string | undefined {
  return sameResults(subject, run(subject, input, sensitivity), run(subject, input, sensitivity), 'of a repeated pass');
}

/** A second backward of the same forward adds its gradients again: after two, each gradient is twice one's. */
export function checkBackwardAdds(subject: CheckedLayer, input: Matrix, sensitivity: Matrix): string | undefined {
  const once = run(subject, input, sensitivity);
  const { layer, tree } = subject;
  return afterForward(subject, input, () => {
    layer.backward(sensitivity);
    const second = layer.backward(sensitivity);
    return (
      worstRelativeDifference('∂J/∂input of a second backward', second.data, once.inputGradient.data, 1e-12) ??
      notDoubled(tree, once.gradients, 'backwards')
    );
  });
}

/** Backward never changes state; in inference, neither does forward. */
export function checkStateUnchanged(
  { layer, tree, pass }: CheckedLayer,
  phase: Phase,
  input: Matrix,
  sensitivity: Matrix,
): string | undefined {
  if (tree.state.length === 0) return undefined;
  const snapshot = new StateSnapshot(tree.state.map(({ state }) => state));
  const values = () => tree.state.map(({ state }) => state.value.data.slice());
  const before = values();
  layer.forward(input, pass());
  const afterForward = values();
  layer.backward(sensitivity);
  const afterBackward = values();
  snapshot.restore();
  for (const [k, { path }] of tree.state.entries()) {
    const problem =
      (phase === 'inference'
        ? firstBitDifference(`state ${path} after an inference forward`, afterForward[k], before[k])
        : undefined) ?? firstBitDifference(`state ${path} after backward`, afterBackward[k], afterForward[k]);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** No state buffer's matrix is also a parameter's value or gradient (state never reaches an optimizer). */
export function checkStateNotTrainable({ tree }: LayerUnderTest): string | undefined {
  const trainable = new Set(tree.parameters.flatMap(({ parameter }) => [parameter.value, parameter.grad]));
  const shared = tree.state.find(({ state }) => trainable.has(state.value));
  return shared === undefined
    ? undefined
    : `state ${shared.path} is also listed as a parameter; state must be declared only in state()`;
}

/** Parameters and state through JSON into a fresh layer: the same state, outputs and gradients, bit for bit. */
export function checkSaveAndLoad(
  original: CheckedLayer,
  fresh: CheckedLayer,
  input: Matrix,
  sensitivity: Matrix,
): string | undefined {
  const entries = (tree: LayerTree) => [
    ...tree.parameters.map(({ path, parameter }) => ({ path, value: parameter.value })),
    ...tree.state.map(({ path, state }) => ({ path: `state ${path}`, value: state.value })),
  ];
  const target = entries(fresh.tree);
  commitValues(
    target,
    checkSavedValues(target, JSON.parse(JSON.stringify(saveValues(entries(original.tree)))), 'saved layer', 'value'),
  );
  const stateProblem = original.tree.state
    .map(({ path, state }, k) =>
      firstBitDifference(`state ${path} after save and load`, fresh.tree.state[k].state.value.data, state.value.data),
    )
    .find((message) => message !== undefined);
  return (
    stateProblem ??
    sameResults(original, run(original, input, sensitivity), run(fresh, input, sensitivity), 'after save and load')
  );
}

/** backwardParameters leaves exactly the parameter gradients backward does, and a second call adds them again. */
export function checkBackwardParameters(subject: CheckedLayer, input: Matrix, sensitivity: Matrix): string | undefined {
  const full = run(subject, input, sensitivity);
  const { layer, tree } = subject;
  return afterForward(subject, input, () => {
    layer.backwardParameters?.(sensitivity);
    const once = gradientsOf(tree);
    layer.backwardParameters?.(sensitivity);
    return (
      tree.parameters
        .map(({ path }, p) => firstBitDifference(`∂J/∂${path} from backwardParameters`, once[p], full.gradients[p]))
        .find((message) => message !== undefined) ?? notDoubled(tree, once, 'backwardParameters calls')
    );
  });
}

function sameResults(
  subject: LayerUnderTest,
  actual: PassResult,
  expected: PassResult,
  when: string,
): string | undefined {
  return (
    firstBitDifference(`output ${when}`, actual.output.data, expected.output.data) ??
    firstBitDifference(`∂J/∂input ${when}`, actual.inputGradient.data, expected.inputGradient.data) ??
    subject.tree.parameters
      .map(({ path }, p) => firstBitDifference(`∂J/∂${path} ${when}`, actual.gradients[p], expected.gradients[p]))
      .find((m) => m) ??
    subject.tree.state
      .map(({ path }, k) => firstBitDifference(`state ${path} ${when}`, actual.state[k], expected.state[k]))
      .find((m) => m)
  );
}

/**
 * For layers that couple samples, a training batch of one sample: either a finite output of the right shape, or an
 * Error thrown with the state left as it was (batch normalization cannot estimate a variance from one sample).
 */
export function checkSingleSampleTraining({ layer, tree }: LayerUnderTest, input: Matrix): string | undefined {
  const snapshot = new StateSnapshot(tree.state.map(({ state }) => state));
  const before = tree.state.map(({ state }) => state.value.data.slice());
  let output: Matrix;
  try {
    output = layer.forward(input, fixedPass('training', tree.stochastic)());
  } catch (error) {
    const changed = tree.state
      .map(({ path, state }, k) =>
        firstBitDifference(`state ${path} after a refused batch of one`, state.value.data, before[k]),
      )
      .find((message) => message !== undefined);
    snapshot.restore();
    if (!(error instanceof Error)) return `threw ${String(error)}, not an Error`;
    return changed;
  }
  snapshot.restore();
  if (output.rows !== 1 || output.cols !== layer.outputSize)
    return `output is ${output.shape}, expected 1×${layer.outputSize}`;
  const bad = output.data.findIndex((value) => !Number.isFinite(value));
  return bad < 0
    ? undefined
    : `output element ${bad} is ${output.data[bad]}: a batch of one must give finite values or throw`;
}

/**
 * For stochastic layers (any in the tree): a training forward draws at least once from `pass.random`. Catches a
 * container that hands its children another pass than the one it received, and a stochastic layer that never draws.
 */
export function checkDrawsInTraining({ layer, tree }: LayerUnderTest, input: Matrix): string | undefined {
  const snapshot = new StateSnapshot(tree.state.map(({ state }) => state));
  const source = new SeededRandom(DEFAULT_DRAW_SEED);
  let draws = 0;
  const counting: RandomSource = {
    uniform: () => {
      draws++;
      return source.uniform();
    },
    normal: () => {
      draws++;
      return source.normal();
    },
    integer: (n) => {
      draws++;
      return source.integer(n);
    },
    shuffle: (values) => {
      draws++;
      return source.shuffle(values);
    },
    sample: (n, out) => {
      draws++;
      return source.sample(n, out);
    },
  };
  layer.forward(input, { phase: 'training', random: counting });
  snapshot.restore();
  return draws > 0
    ? undefined
    : 'a layer of this tree declares `stochastic` but a training forward drew nothing from ' +
        'pass.random (does a container hand its children another pass than its own?)';
}
