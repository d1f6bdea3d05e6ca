import { type InputData, type Matrix, type Network, SgdOptimizer, type TargetData } from '@bpnet/core';
import { ActivationLayer } from '@bpnet/core/plugin';
import { layerName, unitWeights } from './layer-roles.js';
import { type LayerRecord, recordPass } from './record-pass.js';
import { type WorkedElement, workedElements } from './trace-worked.js';

/**
 * What a traced quantity is:
 * - `'input'`, `'output'`: the layer's input and output in the forward pass;
 * - `'output-gradient'`: ∂J/∂(the layer's output), the gradient entering its `backward`;
 * - `'input-gradient'`: ∂J/∂(the layer's input), the gradient its `backward` returns;
 * - `'book-sensitivity'`: the book's sensitivity δ = −N·g of each sample, beside the carried net gradient g
 *   (the activation layers of the three-layer net only);
 * - `'parameter'`: a parameter's value before the step; `'parameter-gradient'`: ∂J/∂p;
 *   `'update'`: Δp = −η ∂J/∂p (equation 6); `'parameter-after'`: p + Δp, only when the update was applied.
 */
export type TracedRole =
  | 'input'
  | 'output'
  | 'output-gradient'
  | 'input-gradient'
  | 'book-sensitivity'
  | 'parameter'
  | 'parameter-gradient'
  | 'update'
  | 'parameter-after';

/** One labelled quantity of a trace. */
export interface TracedQuantity {
  /**
   * The derivation's symbol when the network has its shape (e.g. `net_j`, `g_k = ∂J/∂net_k`, `W2[j][k] = w_kj`),
   * else a plain name (`layers[2].weights`). Activations and gradients have one row per sample; parameters and
   * their gradients have the layer's layout, W[i][j] connecting input i to unit j (docs/derivation.md, section 6).
   */
  readonly symbol: string;
  readonly value: Matrix;
  /** What the quantity is (see {@link TracedRole}). */
  readonly role: TracedRole;
  /** The parameter's name (`'weights'`, `'bias'`) for the parameter roles. */
  readonly parameter?: string;
}

/** One layer of a trace: its quantities in the order forward, backward, parameters. */
export interface TracedLayer {
  readonly index: number;
  readonly kind: string;
  /** Its role in the network, e.g. `hidden layer 1 (layers[0], dense)` (see `layerName`). */
  readonly name: string;
  readonly quantities: readonly TracedQuantity[];
}

/** Every quantity of one backpropagation step, layer by layer. */
export interface BatchTrace {
  /** J for the batch before the step: the loss's batch mean; for squared error J = (1/N) Σ_n ½ ‖t_n − z_n‖². */
  readonly loss: number;
  /** What `loss` is, in words and symbols, e.g. `J = ½·mean‖t − z‖² over the batch of 2`. */
  readonly lossLabel: string;
  readonly learningRate: number;
  /** N, the number of samples in the batch. */
  readonly batchSize: number;
  /** The targets t (N × outputs, one row per sample; one-hot rows when labels were given). */
  readonly targets: Matrix;
  /** Per layer: its input, output, gradients entering and leaving its backward, parameters, gradients, updates. */
  readonly layers: readonly TracedLayer[];
  /**
   * For the derivation's three-layer net (dense, activation, dense, activation, squared error): one element of each
   * of equations (10)–(13) and two of the update (6)–(7), worked from the numbers of this trace. Empty otherwise.
   */
  readonly worked: readonly WorkedElement[];
  /** Whether the updates were applied to the network. */
  readonly applied: boolean;
}

/**
 * Records, for one batch of N samples, every quantity of one gradient-descent step (docs/derivation.md): each
 * layer's input and output, the gradient entering its backward (∂J/∂output) and leaving it (∂J/∂input), each
 * parameter's value before the step, its gradient ∂J/∂p and its update Δp = −η ∂J/∂p (equation 6).
 *
 * For the derivation's three-layer net (dense, element-wise activation, dense, element-wise activation) the
 * quantities carry its symbols: x_i, net_j, y_j, net_k, z_k, the carried net gradients g_k = ∂J/∂net_k and
 * g_j = ∂J/∂net_j (section 5), beside them the book's per-sample sensitivities δ = −N·g, and the weights in bpnet's
 * layout W1[i][j] = w_ji, W2[j][k] = w_kj (section 6). With the squared-error loss, {@link BatchTrace.worked} then
 * works one element of each of equations (10)–(13) and of the update by hand.
 *
 * With `apply: true` the updates are applied (one plain gradient-descent step, w ← w − η ∂J/∂w) and the values
 * after the step are recorded too.
 * @throws Error on bad inputs or targets (as `Network.backprop`), or if `learningRate` is not a finite number.
 */
export function traceBatch(
  network: Network,
  inputs: InputData,
  targets: TargetData,
  options: { learningRate: number; apply?: boolean },
): BatchTrace {
  const eta = options.learningRate;
  if (typeof eta !== 'number' || !Number.isFinite(eta)) {
    throw new Error(`traceBatch: learningRate is ${String(eta)}; expected a finite number`);
  }
  const before = network.layers.map((layer) => layer.parameters().map(({ value }) => value.clone()));
  const pass = recordPass(network, inputs, targets);
  const t = pass.targets as Matrix;
  const batchSize = t.rows;
  const names = symbolsFor(network);
  const applied = options.apply ?? false;
  // The step the trainer takes with plain gradient descent: w ← w − η ∂J/∂w, by the same code.
  if (applied) new SgdOptimizer().step(network.parameters(), eta, network.kernels);
  const layers = pass.layers.map((record, index) => ({
    index,
    kind: record.kind,
    name: layerName(network, index),
    quantities: [
      ...quantitiesOf(record, names[index], batchSize),
      ...parameterQuantities(network, index, record, before[index], names[index], eta, applied),
    ],
  }));
  const threeLayer = names[0].threeLayer && network.loss.kind === 'squared-error';
  return {
    loss: pass.loss as number,
    lossLabel:
      network.loss.kind === 'squared-error'
        ? `J = ½·mean‖t − z‖² over the batch of ${batchSize}`
        : `J (${network.loss.kind}), the mean over the batch of ${batchSize}`,
    learningRate: eta,
    batchSize,
    targets: t,
    layers,
    worked: threeLayer ? workedElements(network, pass, t, before, eta, applied) : [],
    applied,
  };
}

interface LayerSymbols {
  readonly threeLayer: boolean;
  readonly input: string;
  readonly output: string;
  readonly outputGradient: string;
  readonly inputGradient: string;
  /** The book's δ = −N·g, for the activation layers of the three-layer net. */
  readonly bookSensitivity?: string;
  /** The symbol of one element of a parameter (`w_ji`) and the matrix it is stored in (`W1[i][j] = w_ji`). */
  readonly parameter: (name: string) => { element: string; matrix: string; layout: string };
}

function quantitiesOf(record: LayerRecord, symbols: LayerSymbols, batchSize: number): TracedQuantity[] {
  const quantities: TracedQuantity[] = [
    { symbol: symbols.input, value: record.input, role: 'input' },
    { symbol: symbols.output, value: record.output, role: 'output' },
    { symbol: symbols.outputGradient, value: record.outputSensitivity as Matrix, role: 'output-gradient' },
    { symbol: symbols.inputGradient, value: record.inputSensitivity as Matrix, role: 'input-gradient' },
  ];
  if (symbols.bookSensitivity !== undefined) {
    const delta = (record.inputSensitivity as Matrix).clone();
    for (let i = 0; i < delta.data.length; i++) delta.data[i] *= -batchSize;
    quantities.push({ symbol: symbols.bookSensitivity, value: delta, role: 'book-sensitivity' });
  }
  return quantities;
}

function parameterQuantities(
  network: Network,
  index: number,
  record: LayerRecord,
  before: readonly Matrix[],
  symbols: LayerSymbols,
  eta: number,
  applied: boolean,
): TracedQuantity[] {
  const quantities: TracedQuantity[] = [];
  const parameters = network.layers[index].parameters();
  for (const [p, { name, gradient }] of (record.gradients ?? []).entries()) {
    const { element, matrix, layout } = symbols.parameter(name);
    quantities.push({ symbol: `${matrix}, before the step`, value: before[p], role: 'parameter', parameter: name });
    quantities.push({
      symbol: `∂J/∂${element}${layout}`,
      value: gradient,
      role: 'parameter-gradient',
      parameter: name,
    });
    const update = gradient.clone();
    for (let i = 0; i < update.data.length; i++) update.data[i] *= -eta;
    quantities.push({ symbol: `Δ${element} = −η ∂J/∂${element}`, value: update, role: 'update', parameter: name });
    if (applied) {
      const after = parameters[p].value.clone();
      const symbol = `${matrix}, after the step: ${element} + Δ${element}`;
      quantities.push({ symbol, value: after, role: 'parameter-after', parameter: name });
    }
  }
  return quantities;
}

/** The derivation's symbols for the three-layer shape, plain names otherwise. */
function symbolsFor(network: Network): LayerSymbols[] {
  const kinds = network.layers.map((layer) =>
    unitWeights(layer) ? 'weighted' : layer instanceof ActivationLayer ? 'activation' : 'other',
  );
  if (kinds.join() === 'weighted,activation,weighted,activation') {
    const squaredError = network.loss.kind === 'squared-error';
    const parameters = (w: string, W: string, layout: string, b: string) => (name: string) =>
      name === 'weights'
        ? { element: w, matrix: `${W} = ${w}`, layout: ` (${layout})` }
        : name === 'bias'
          ? { element: b, matrix: b, layout: '' }
          : { element: name, matrix: name, layout: '' };
    return [
      {
        threeLayer: true,
        input: 'x_i',
        output: 'net_j = Σ_i w_ji x_i + b_j',
        outputGradient: 'g_j = ∂J/∂net_j',
        inputGradient: '∂J/∂x_i = Σ_j w_ji g_j (not needed for the step)',
        parameter: parameters('w_ji', 'W1[i][j]', "W1's layout: row i, column j", 'b_j'),
      },
      {
        threeLayer: true,
        input: 'net_j',
        output: 'y_j = f(net_j)',
        outputGradient: '∂J/∂y_j = Σ_k w_kj g_k, with W2 before the update',
        inputGradient: "g_j = ∂J/∂net_j = f'(net_j) ∂J/∂y_j",
        bookSensitivity: "δ_j = −N·g_j = f'(net_j) Σ_k w_kj δ_k, the book's sensitivity of each sample",
        parameter: (n) => ({ element: n, matrix: n, layout: '' }),
      },
      {
        threeLayer: true,
        input: 'y_j',
        output: 'net_k = Σ_j w_kj y_j + b_k',
        outputGradient: 'g_k = ∂J/∂net_k',
        inputGradient: '∂J/∂y_j = Σ_k w_kj g_k, with W2 before the update',
        parameter: parameters('w_kj', 'W2[j][k]', "W2's layout: row j, column k", 'b_k'),
      },
      {
        threeLayer: true,
        input: 'net_k',
        output: 'z_k = f(net_k)',
        outputGradient: squaredError ? '∂J/∂z_k = (z_k − t_k)/N' : '∂J/∂z_k',
        inputGradient: "g_k = ∂J/∂net_k = f'(net_k) ∂J/∂z_k",
        bookSensitivity: squaredError
          ? "δ_k = −N·g_k = (t_k − z_k) f'(net_k), the book's sensitivity of each sample"
          : "δ_k = −N·g_k, the book's sensitivity of each sample",
        parameter: (n) => ({ element: n, matrix: n, layout: '' }),
      },
    ];
  }
  return network.layers.map((_, index) => ({
    threeLayer: false,
    input: `layers[${index}] input`,
    output: `layers[${index}] output`,
    outputGradient: `∂J/∂(layers[${index}] output)`,
    inputGradient: `∂J/∂(layers[${index}] input)`,
    parameter: (name) => ({ element: `layers[${index}].${name}`, matrix: `layers[${index}].${name}`, layout: '' }),
  }));
}
