import { type InputData, type Matrix, type Network, type TargetData } from '@bpnet/core';
import { unitWeights } from './layer-roles.js';
import { type LayerRecord, recordPass } from './record-pass.js';

/** One labelled quantity of a trace. */
export interface TracedQuantity {
  /** The derivation's symbol when the network has its shape (e.g. `net_j`, `δ_k = −∂J/∂net_k`), else a plain name. */
  readonly symbol: string;
  readonly value: Matrix;
}

/** Every quantity of one backpropagation step, layer by layer. */
export interface BatchTrace {
  readonly loss: number;
  readonly learningRate: number;
  /** Per layer: its input, output, incoming and outgoing sensitivities, gradients and updates. */
  readonly layers: readonly { readonly index: number; readonly kind: string; readonly quantities: readonly TracedQuantity[] }[];
  /** Whether the updates were applied to the network. */
  readonly applied: boolean;
}

/**
 * Records, for one batch, each layer's input and output, the sensitivity entering its backward (∂J/∂output) and
 * leaving it (∂J/∂input), each parameter's gradient and its gradient-descent update Δw = −η ∂J/∂w (equation 6).
 * For the derivation's three-layer net (dense, activation, dense, activation) the quantities carry its symbols:
 * x_i, net_j, y_j, net_k, z_k, ∂J/∂net_k (= −δ_k), ∂J/∂net_j (= −δ_j), ∂J/∂w_kj, ∂J/∂w_ji.
 * With `apply: true` the updates are applied (one plain gradient-descent step).
 */
export function traceBatch(network: Network, inputs: InputData, targets: TargetData, options: { learningRate: number; apply?: boolean }): BatchTrace {
  const pass = recordPass(network, inputs, targets);
  const names = symbolsFor(network);
  const layers = pass.layers.map((record, index) => ({
    index,
    kind: record.kind,
    quantities: quantitiesOf(record, names[index], options.learningRate),
  }));
  if (options.apply) {
    for (const { value, grad } of network.parameters()) value.data.forEach((w, i) => (value.data[i] = w - options.learningRate * grad.data[i]));
  }
  return { loss: pass.loss as number, learningRate: options.learningRate, layers, applied: options.apply ?? false };
}

interface LayerSymbols {
  readonly input: string;
  readonly output: string;
  readonly outputSensitivity: string;
  readonly inputSensitivity: string;
  readonly parameter: (name: string) => string;
}

function quantitiesOf(record: LayerRecord, symbols: LayerSymbols, learningRate: number): TracedQuantity[] {
  const quantities: TracedQuantity[] = [
    { symbol: symbols.input, value: record.input },
    { symbol: symbols.output, value: record.output },
    { symbol: symbols.outputSensitivity, value: record.outputSensitivity as Matrix },
    { symbol: symbols.inputSensitivity, value: record.inputSensitivity as Matrix },
  ];
  for (const { name, gradient } of record.gradients ?? []) {
    quantities.push({ symbol: `∂J/∂${symbols.parameter(name)}`, value: gradient });
    const update = gradient.clone();
    update.data.forEach((g, i) => (update.data[i] = -learningRate * g));
    quantities.push({ symbol: `Δ${symbols.parameter(name)} = −η ∂J/∂${symbols.parameter(name)}`, value: update });
  }
  return quantities;
}

/** The derivation's symbols for the three-layer shape, plain names otherwise. */
function symbolsFor(network: Network): LayerSymbols[] {
  const kinds = network.layers.map((layer) => (unitWeights(layer) ? 'weighted' : layer.parameters().length === 0 ? 'activation' : 'other'));
  if (kinds.join() === 'weighted,activation,weighted,activation') {
    const parameters = (w: string, b: string) => (name: string) => (name === 'weights' ? w : name === 'bias' ? b : name);
    return [
      { input: 'x_i', output: 'net_j', outputSensitivity: '∂J/∂net_j = −δ_j', inputSensitivity: '∂J/∂x_i', parameter: parameters('w_ji', 'b_j') },
      { input: 'net_j', output: 'y_j = f(net_j)', outputSensitivity: '∂J/∂y_j = Σ_k w_kj ∂J/∂net_k', inputSensitivity: "∂J/∂net_j = −δ_j = f'(net_j) ∂J/∂y_j", parameter: (n) => n },
      { input: 'y_j', output: 'net_k', outputSensitivity: '∂J/∂net_k = −δ_k', inputSensitivity: '∂J/∂y_j = Σ_k w_kj ∂J/∂net_k', parameter: parameters('w_kj', 'b_k') },
      { input: 'net_k', output: 'z_k = f(net_k)', outputSensitivity: '∂J/∂z_k', inputSensitivity: "∂J/∂net_k = −δ_k = f'(net_k) ∂J/∂z_k", parameter: (n) => n },
    ];
  }
  return network.layers.map((_, index) => ({
    input: `layers[${index}] input`,
    output: `layers[${index}] output`,
    outputSensitivity: `∂J/∂(layers[${index}] output)`,
    inputSensitivity: `∂J/∂(layers[${index}] input)`,
    parameter: (name) => `layers[${index}].${name}`,
  }));
}
