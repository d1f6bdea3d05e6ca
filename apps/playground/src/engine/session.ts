import { adamModule } from '@bpnet/adam';
import {
  type ContainerModule,
  createContainer,
  type Layer,
  loadModel,
  Matrix,
  modelToJson,
  type Network,
  type NetworkSpec,
  type Optimizer,
  oneHot,
  SeededRandom,
  seededRandomModule,
  TRAINER,
} from '@bpnet/core';
import {
  INFERENCE_PASS,
  INITIALIZER_REGISTRATION,
  LAYER_REGISTRATION,
  LOSS_REGISTRATION,
  NETWORK_BUILDER,
  OPTIMIZER_REGISTRATION,
  Registry,
} from '@bpnet/core/plugin';
import { denseModule } from '@bpnet/dense';
import { type BatchTrace, diagnose, formatTrace, traceBatch } from '@bpnet/diagnostics';
import { momentumModule } from '@bpnet/momentum';
import { reluModule } from '@bpnet/relu';
import { sigmoidModule } from '@bpnet/sigmoid';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { squaredErrorModule } from '@bpnet/squared-error';
import { tanhModule } from '@bpnet/tanh';
import { wasmKernelsModule } from '@bpnet/wasm';
import type { Container } from 'inversify';
import { type Dataset, DOMAIN, playgroundData } from './datasets.js';
import { featurize } from './features.js';
import type { PlaygroundState } from './state.js';
import { type TraceStep, traceSteps } from './trace-steps.js';

/** What the playground shows of one hidden unit. */
export interface UnitView {
  /** The unit's output (after its activation) over the boundary grid, gridSize² values, row-major from top-left. */
  activation: Float32Array;
  /** The unit's mean output over the training set. */
  meanOutput: number;
  /**
   * The unit's mean |δ| over the training set, δ = −∂Jₙ/∂net the book's sensitivity of sample n (Jₙ its own loss);
   * equal to Σₙ |gₙ| with g = ∂J/∂net the net gradient bpnet carries for the training-set mean J = (1/N) Σₙ Jₙ,
   * since gₙ = −δₙ/N (docs/derivation.md, section 5).
   */
  sensitivity: number;
}

/** A diagnosis finding, placed on a hidden layer (index into `units`; `units.length` = the output layer). */
export interface SnapshotFinding {
  kind: string;
  layer?: number;
  unit?: number;
  message: string;
}

/** The training and test loss J at one iteration. */
export interface LossPoint {
  iteration: number;
  train: number;
  test: number;
}

/** Everything the page draws, at one moment of training. */
export interface Snapshot {
  iteration: number;
  /** The network in one line (see {@link describeNetwork}). */
  network: string;
  /** The loss kind, e.g. `'softmax-cross-entropy'`. */
  loss: string;
  /** J, the loss's mean over the whole training set. */
  trainLoss: number;
  /** J over the test set. */
  testLoss: number;
  /** The losses of the snapshots taken so far (thinned to at most 1000 points), the last one this snapshot's. */
  lossHistory: LossPoint[];
  /**
   * The score of class 1 ({@link classOneScores}) over the grid x1, x2 ∈ [−6, 6]², gridSize² values row-major from
   * top-left: row r, column c is the point x1 = −6 + 12c/(gridSize − 1), x2 = 6 − 12r/(gridSize − 1). Empty for the
   * toy set.
   */
  boundary: Float32Array;
  gridSize: number;
  /** Per hidden layer, per unit. */
  units: UnitView[][];
  /** Per output unit k, its mean |δ_k| over the training set (as {@link UnitView.sensitivity}, at net_k). */
  outputSensitivity: number[];
  /** Per dense layer, W[input][unit]. */
  weights: number[][][];
  findings: SnapshotFinding[];
  /** The kernels the network computes with. */
  kernels: 'wasm' | 'js';
}

/** The kinds the session's container has registered, plug-ins included. */
export interface Kinds {
  /** Every layer kind, sorted (the activations, and kinds the page only loads from model files, such as dense). */
  layers: string[];
  /**
   * Layer kinds that build from `{ kind }` alone into a layer with no parameters, no state and outputSize =
   * inputSize (what the playground can put after a dense layer); sorted.
   */
  activations: string[];
  initializers: string[];
  optimizers: string[];
  losses: string[];
}

/** Options of {@link TrainingSession}. */
export interface SessionOptions {
  /** The kernels to compute with (default `'js'`): `'wasm'` loads `@bpnet/wasm`'s float64 kernels. */
  kernels?: 'js' | 'wasm';
  /** Plug-in modules loaded after the built-in ones (e.g. an extra activation kind). */
  extraModules?: ContainerModule[];
}

/** A network whose inputs or outputs do not fit the data (its message says which and what would fit). */
export class SizeMismatchError extends Error {
  override name = 'SizeMismatchError';
}

/** `1 input`, `2 inputs`, `3 classes`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : noun.endsWith('s') ? 'es' : 's'}`;
}

/** Loss history points kept at most; beyond, every other point is dropped. */
const HISTORY_POINTS = 1000;

/** Options an initializer kind needs besides its name (`constant` needs a value). */
const INITIALIZER_OPTIONS: Record<string, Record<string, unknown>> = { constant: { value: 0.1 } };

function builtinModules(kernels: 'js' | 'wasm'): ContainerModule[] {
  return [
    denseModule,
    sigmoidModule,
    tanhModule,
    reluModule,
    softmaxCrossEntropyModule,
    squaredErrorModule,
    momentumModule,
    adamModule,
    ...(kernels === 'wasm' ? [wasmKernelsModule] : []),
  ];
}

/** The loss whose network ends in a plain dense layer (its outputs are the softmax's logits). */
const LOGIT_LOSS = 'softmax-cross-entropy';

/**
 * The network spec for a state: inputs → for each hidden layer `{ kind: 'dense', units, weightInitializer }` then
 * `{ kind: activation }` → `{ kind: 'dense', units: classes }`, with the state's loss. For `softmax-cross-entropy`
 * the output dense layer is the last (its outputs are logits); for any other loss a `sigmoid` follows it, so the
 * outputs z lie in (0, 1) like the one-hot targets, as in the derivation's three-layer net.
 */
export function networkSpecFor(state: PlaygroundState, inputSize: number, classes: number): NetworkSpec {
  const weightInitializer = { kind: state.initializer, ...INITIALIZER_OPTIONS[state.initializer] };
  return {
    inputSize,
    layers: [
      ...state.hidden.flatMap((units) => [{ kind: 'dense', units, weightInitializer }, { kind: state.activation }]),
      { kind: 'dense', units: classes },
      ...(state.loss === LOGIT_LOSS ? [] : [{ kind: 'sigmoid' }]),
    ],
    loss: { kind: state.loss },
  };
}

/**
 * Each row's score for class 1 in [0, 1], ½ where classes 0 and 1 tie (the decision boundary):
 * - `softmax-cross-entropy`: P(class 1) = e^{z₁} / Σₖ e^{zₖ}, the softmax's component 1 of the logits z;
 * - any other loss: (1 + z₁ − z₀) / 2 clamped to [0, 1], for outputs z in [0, 1] (sigmoid outputs).
 */
export function classOneScores(outputs: Matrix, lossKind: string): Float32Array {
  const out = new Float32Array(outputs.rows);
  const k = outputs.cols;
  if (k < 2) return out;
  for (let n = 0; n < outputs.rows; n++) {
    const z = outputs.data.subarray(n * k, (n + 1) * k);
    if (lossKind === LOGIT_LOSS) {
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < k; j++) max = Math.max(max, z[j]);
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.exp(z[j] - max);
      out[n] = Math.exp(z[1] - max) / sum;
    } else {
      out[n] = Math.min(1, Math.max(0, (1 + z[1] - z[0]) / 2));
    }
  }
  return out;
}

/**
 * The network in one line: its sizes, its layer kinds and its loss, e.g.
 * `4-20-3: dense, sigmoid, dense, sigmoid; loss squared-error`.
 */
export function describeNetwork(network: Network): string {
  const sizes = [network.inputSize, ...network.layers.filter((l) => l.kind === 'dense').map((l) => l.outputSize)];
  return `${sizes.join('-')}: ${network.layers.map((layer) => layer.kind).join(', ')}; loss ${network.loss.kind}`;
}

/**
 * One playground run: a container with every built-in kind (and any plug-ins), the data (generated, split,
 * featurized), a network, and the trainer's state between calls (optimizer and batch sampling), so that the same
 * state and the same calls give the same numbers.
 */
export class TrainingSession {
  readonly container: Container;
  readonly network: Network;
  readonly train: Dataset;
  readonly test: Dataset;
  readonly kernels: 'wasm' | 'js';
  /** Whether the data is the 2-D kind (features of x1, x2), so the boundary and heat-maps exist. */
  readonly planar: boolean;
  private iterationCount = 0;
  private readonly optimizer: Optimizer;
  private readonly batchRandom: SeededRandom;
  private readonly trainInputs: Matrix;
  private readonly trainLabels: Int32Array;
  private readonly testInputs: Matrix;
  private readonly testLabels: Int32Array;
  private history: LossPoint[] = [];
  /** The losses of the latest iteration {@link record} saw. */
  private current: LossPoint | undefined;
  private historyStride = 1;
  /** The findings of the last snapshot that ran `diagnose`. */
  private lastFindings: SnapshotFinding[] | undefined;
  private gridCache: { size: number; inputs: Matrix } | undefined;
  private kindsCache: Kinds | undefined;

  /**
   * Builds the session for `state`.
   * @throws Error (UnknownKindError and friends from bpnet, naming the kind and the known ones) when the state names
   *   a kind the container does not have, or the data options are invalid.
   */
  constructor(
    readonly state: PlaygroundState,
    options: SessionOptions = {},
    network?: (container: Container, inputSize: number, classes: number) => Network,
  ) {
    this.kernels = options.kernels ?? 'js';
    this.container = createContainer(
      ...builtinModules(this.kernels),
      ...(options.extraModules ?? []),
      seededRandomModule(state.seed),
    );
    this.planar = state.dataset !== 'toy';
    const split = playgroundData(state);
    const prepare = (d: Dataset): Dataset =>
      this.planar ? { ...d, inputs: featurize(d.inputs, state.features), inputNames: [...state.features] } : d;
    this.train = prepare(split.train);
    this.test = prepare(split.test);
    const inputSize = this.train.inputs[0].length;
    this.network = network
      ? network(this.container, inputSize, split.classes)
      : this.container.get(NETWORK_BUILDER).build(networkSpecFor(state, inputSize, split.classes));
    if (this.network.inputSize !== inputSize || this.network.outputSize !== split.classes) {
      const planarHint = this.planar ? `; a 2-D set takes as many inputs as features are ticked` : '';
      throw new SizeMismatchError(
        `the network takes ${count(this.network.inputSize, 'input')} and gives ` +
          `${count(this.network.outputSize, 'output')}, but the data set '${state.dataset}' has ` +
          `${count(inputSize, 'input')} (${this.train.inputNames.join(', ')}) and ${count(split.classes, 'class')}` +
          `${planarHint}; the toy set has 4 inputs and 3 classes`,
      );
    }
    const optimizers = new Registry('optimizer', this.container.getAll(OPTIMIZER_REGISTRATION));
    this.optimizer = optimizers.get(state.optimizer, 'optimizer').create({ kind: state.optimizer });
    this.batchRandom = new SeededRandom(state.seed + 1);
    this.trainInputs = Matrix.fromRows(this.train.inputs);
    this.trainLabels = Int32Array.from(this.train.labels);
    this.testInputs = Matrix.fromRows(this.test.inputs);
    this.testLabels = Int32Array.from(this.test.labels);
    this.record();
  }

  /** Iterations trained so far. */
  get iteration(): number {
    return this.iterationCount;
  }

  /**
   * Trains `iterations` minibatch steps with the state's optimizer, learning rate and batch size (clamped to the
   * training set's size), batches drawn at random from a source seeded by the state's seed. The losses are computed
   * by {@link snapshot}, not here.
   * @throws DivergenceError (from bpnet's trainer) when the loss or a gradient stops being finite.
   */
  step(iterations: number): void {
    if (!Number.isInteger(iterations) || iterations < 1) {
      throw new Error(`TrainingSession.step: iterations is ${String(iterations)}; expected a positive integer`);
    }
    this.container.get(TRAINER).train(this.network, this.trainInputs, this.trainLabels, {
      learningRate: this.state.learningRate,
      iterations,
      batchSize: Math.min(this.state.batchSize, this.trainLabels.length),
      optimizer: this.optimizer,
      random: this.batchRandom,
    });
    this.iterationCount += iterations;
  }

  /** J, the mean of the network's loss over `inputs` against `labels` (0 for an empty set). */
  private lossOn(inputs: Matrix, labels: Int32Array): number {
    if (labels.length === 0) return 0;
    const outputs = this.network.forward(inputs);
    return this.network.loss.forward(outputs, oneHot(labels, this.network.outputSize));
  }

  /** Both losses at the current iteration. */
  private lossPoint(): LossPoint {
    return {
      iteration: this.iterationCount,
      train: this.lossOn(this.trainInputs, this.trainLabels),
      test: this.lossOn(this.testInputs, this.testLabels),
    };
  }

  /**
   * The losses at the current iteration (computed once per iteration), added to the history when its stride keeps
   * this iteration: the history keeps at most {@link HISTORY_POINTS} points, dropping every other one (and doubling
   * the stride) when it would hold more.
   */
  private record(): LossPoint {
    if (this.current?.iteration === this.iterationCount) return this.current;
    const point = this.lossPoint();
    this.current = point;
    const last = this.history[this.history.length - 1];
    if (last === undefined || point.iteration - last.iteration >= this.historyStride) {
      this.history.push(point);
      if (this.history.length > HISTORY_POINTS) {
        this.history = this.history.filter((_, index) => index % 2 === 0);
        this.historyStride *= 2;
      }
    }
    return point;
  }

  /** The grid's points as network inputs (featurized), cached per size. */
  private gridInputs(gridSize: number): Matrix {
    if (this.gridCache?.size === gridSize) return this.gridCache.inputs;
    const points: number[][] = [];
    const step = gridSize > 1 ? (2 * DOMAIN) / (gridSize - 1) : 0;
    for (let r = 0; r < gridSize; r++) {
      for (let c = 0; c < gridSize; c++) points.push([-DOMAIN + c * step, DOMAIN - r * step]);
    }
    const inputs = Matrix.fromRows(featurize(points, this.state.features));
    this.gridCache = { size: gridSize, inputs };
    return inputs;
  }

  /**
   * The indices of the hidden layers: each dense layer but the last, with the layer whose output is its units'
   * output (the activation after it, or the dense layer itself when none follows).
   */
  private hiddenLayers(): { dense: number; output: number }[] {
    const layers = this.network.layers;
    const dense = layers.flatMap((layer, index) => (layer.kind === 'dense' ? [index] : []));
    return dense.slice(0, -1).map((index) => {
      const next: Layer | undefined = layers[index + 1];
      const isActivation = next !== undefined && next.kind !== 'dense' && next.parameters().length === 0;
      return { dense: index, output: isActivation ? index + 1 : index };
    });
  }

  /** Each layer's output for `inputs` in inference (copies). */
  private layerOutputs(inputs: Matrix): Matrix[] {
    const outputs: Matrix[] = [];
    let activation = inputs;
    for (const layer of this.network.layers) {
      activation = layer.forward(activation, INFERENCE_PASS);
      outputs.push(activation.clone());
    }
    return outputs;
  }

  /**
   * What the page draws now: losses, the decision boundary and every hidden unit's heat-map over a gridSize × gridSize
   * grid, the weights, each unit's mean output and sensitivity, and `diagnose`'s findings on the training set.
   * With `diagnose: false` the findings are those of the last snapshot that ran `diagnose` (the costliest part of a
   * snapshot: a caller redrawing many times a second refreshes them less often).
   */
  snapshot(gridSize = 50, options: { diagnose?: boolean } = {}): Snapshot {
    if (!Number.isInteger(gridSize) || gridSize < 2 || gridSize > 500) {
      throw new Error(`TrainingSession.snapshot: gridSize is ${String(gridSize)}; expected an integer in 2..500`);
    }
    const hidden = this.hiddenLayers();
    const gridOutputs = this.planar ? this.layerOutputs(this.gridInputs(gridSize)) : undefined;
    const findings =
      options.diagnose === false && this.lastFindings !== undefined ? this.lastFindings : this.diagnoseFindings(hidden);
    this.lastFindings = findings;
    const outputDense = this.network.layers.map((layer) => layer.kind).lastIndexOf('dense');
    const { outputs: trainOutputs, gradients } = this.netGradients([...hidden.map(({ dense }) => dense), outputDense]);
    const meanAbsDelta = (g: Matrix, j: number) => {
      let sum = 0;
      for (let n = 0; n < g.rows; n++) sum += Math.abs(g.data[n * g.cols + j]);
      return sum;
    };
    const units = hidden.map(({ output }, h) => {
      const train = trainOutputs[output];
      const grid = gridOutputs?.[output];
      const g = gradients[h];
      return Array.from({ length: train.cols }, (_, j): UnitView => {
        let mean = 0;
        for (let n = 0; n < train.rows; n++) mean += train.data[n * train.cols + j];
        const sensitivity = meanAbsDelta(g, j);
        const activation = new Float32Array(grid === undefined ? 0 : grid.rows);
        if (grid !== undefined) for (let n = 0; n < grid.rows; n++) activation[n] = grid.data[n * grid.cols + j];
        return { activation, meanOutput: mean / train.rows, sensitivity };
      });
    });
    const weights = this.network.layers
      .filter((layer) => layer.kind === 'dense')
      .map((layer) => {
        const w = layer.parameters()[0].value;
        return Array.from({ length: w.rows }, (_, i) => Array.from(w.data.subarray(i * w.cols, (i + 1) * w.cols)));
      });
    const current = this.record();
    const outputGradient = gradients[gradients.length - 1];
    return {
      iteration: this.iterationCount,
      network: describeNetwork(this.network),
      loss: this.network.loss.kind,
      trainLoss: current.train,
      testLoss: current.test,
      lossHistory: this.history.map((point) => ({ ...point })),
      boundary: gridOutputs
        ? classOneScores(gridOutputs[gridOutputs.length - 1], this.network.loss.kind)
        : new Float32Array(0),
      gridSize,
      units,
      outputSensitivity: Array.from({ length: outputGradient?.cols ?? 0 }, (_, k) => meanAbsDelta(outputGradient, k)),
      weights,
      findings,
      kernels: this.kernels,
    };
  }

  /** `diagnose`'s findings on the training set, one per unit where a finding lists units. */
  private diagnoseFindings(hidden: { dense: number; output: number }[]): SnapshotFinding[] {
    const diagnosis = diagnose(this.network, this.trainInputs, this.trainLabels);
    const hiddenOf = (layer: number) => {
      const h = hidden.findIndex(({ dense, output }) => layer >= dense && layer <= output);
      return h === -1 ? hidden.length : h;
    };
    return diagnosis.findings.flatMap((finding) => {
      const layer = 'layer' in finding ? hiddenOf(finding.layer) : undefined;
      const unitList =
        finding.kind === 'zero-gradient-units'
          ? finding.units
          : finding.kind === 'saturated-units'
            ? finding.fullySaturatedUnits
            : [];
      const base = { kind: finding.kind, ...(layer === undefined ? {} : { layer }), message: finding.message };
      return unitList.length === 0 ? [base] : unitList.map((unit) => ({ ...base, unit }));
    });
  }

  /**
   * Every layer's output on the training set, and ∂J/∂(output of each given layer) for J the training-set mean, by
   * one forward and backward pass (parameter gradients are left as after it; nothing is updated).
   */
  private netGradients(layerIndices: number[]): { outputs: Matrix[]; gradients: Matrix[] } {
    const layers = this.network.layers;
    const targets = oneHot(this.trainLabels, this.network.outputSize);
    const outputs = this.layerOutputs(this.trainInputs);
    this.network.zeroGradients();
    this.network.loss.forward(outputs[outputs.length - 1], targets);
    let sensitivity = this.network.loss.backward();
    const byLayer: Matrix[] = [];
    for (let index = layers.length - 1; index >= 0; index--) {
      byLayer[index] = sensitivity.clone();
      if (index > Math.min(...layerIndices, layers.length)) sensitivity = layers[index].backward(sensitivity);
      else break;
    }
    return { outputs, gradients: layerIndices.map((index) => byLayer[index]) };
  }

  /**
   * `traceBatch` (from @bpnet/diagnostics) of training sample `index` alone with the state's learning rate, the
   * update not applied, as the steps the page walks through ({@link traceSteps}) and as `formatTrace`'s text; or an
   * Error saying why when the index is out of range or traceBatch refuses the network.
   */
  traceSample(index: number): { trace: BatchTrace; steps: TraceStep[]; text: string } | Error {
    if (!Number.isInteger(index) || index < 0 || index >= this.train.inputs.length) {
      return new Error(
        `trace: sample ${String(index)} does not exist; expected an integer in 0..${this.train.inputs.length - 1}`,
      );
    }
    try {
      const trace = traceBatch(this.network, [this.train.inputs[index]], [this.train.labels[index]], {
        learningRate: this.state.learningRate,
      });
      const context = {
        activations: new Set(this.kinds().activations),
        columns: this.diagramColumns(),
        loss: this.network.loss.kind,
      };
      return { trace, steps: traceSteps(trace, context), text: formatTrace(trace) };
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /**
   * For each network layer, the column of the network diagram it is drawn in: hidden layer h's dense layer and its
   * activation in column h + 1, the layers after the last hidden layer in the output column.
   */
  diagramColumns(): number[] {
    const hidden = this.hiddenLayers();
    return this.network.layers.map((_, index) => {
      const h = hidden.findIndex(({ dense, output }) => index >= dense && index <= output);
      return h === -1 ? hidden.length + 1 : h + 1;
    });
  }

  /** The network as model JSON (core's `modelToJson`). */
  saveModel(): string {
    return modelToJson(this.network);
  }

  /**
   * A session whose network is the saved one (core's `loadModel`), at iteration 0, on the data of `state`; when the
   * model does not fit that data but fits the toy set (4 inputs, 3 outputs, e.g. a model saved by
   * `pnpm start --save`), on the toy set instead. The session's `state` says which data it took.
   * @throws ModelFileError (core's, with its message) when the file is malformed, and Error when the model's inputs
   *   or outputs fit neither the state's data nor the toy set.
   */
  static loadModel(json: string, state: PlaygroundState, options: SessionOptions = {}): TrainingSession {
    const load = (container: Container) => loadModel(container, json);
    try {
      return new TrainingSession(state, options, load);
    } catch (error) {
      if (state.dataset === 'toy' || !(error instanceof SizeMismatchError)) throw error;
      try {
        return new TrainingSession({ ...state, dataset: 'toy' }, options, load);
      } catch {
        throw error;
      }
    }
  }

  /**
   * The registered kinds. Activations are the layer kinds that build from `{ kind }` alone (at input size 3) into a
   * layer with no parameters, no state, no children and outputSize = inputSize.
   */
  kinds(): Kinds {
    this.kindsCache ??= this.registeredKinds();
    return this.kindsCache;
  }

  private registeredKinds(): Kinds {
    const layers = new Registry('layer', this.container.getAll(LAYER_REGISTRATION));
    const builder = this.container.get(NETWORK_BUILDER);
    const activations = layers.kinds().filter((kind) => {
      try {
        const probe = builder.build(
          { inputSize: 3, layers: [{ kind }], loss: { kind: 'softmax-cross-entropy' } },
          { random: new SeededRandom(0) },
        );
        const layer = probe.layers[0];
        return (
          probe.parameters().length === 0 &&
          probe.state().length === 0 &&
          layer.outputSize === 3 &&
          (layer.children?.().length ?? 0) === 0
        );
      } catch {
        return false;
      }
    });
    return {
      layers: layers.kinds(),
      activations,
      initializers: new Registry('initializer', this.container.getAll(INITIALIZER_REGISTRATION)).kinds(),
      optimizers: new Registry('optimizer', this.container.getAll(OPTIMIZER_REGISTRATION)).kinds(),
      losses: new Registry('loss', this.container.getAll(LOSS_REGISTRATION)).kinds(),
    };
  }
}
