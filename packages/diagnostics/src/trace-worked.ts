import type { Matrix, Network } from '@bpnet/core';
import type { ActivationLayer } from '@bpnet/core/plugin';
import type { RecordedPass } from './record-pass.js';

/** One number entering a worked element, with its symbol and indices (counted from 0, as the printed matrices). */
export interface WorkedOperand {
  readonly symbol: string;
  readonly value: number;
}

/**
 * One element of one equation of docs/derivation.md, worked by hand from the numbers of a trace, so that a reader
 * can redo it with a pocket calculator and find it in the printed matrices.
 */
export interface WorkedElement {
  /** The equation(s) it instances, e.g. `'10'`, `'6, 7'`. */
  readonly equation: string;
  /** What is computed, with its indices, e.g. `δ_k of sample n = 0, output unit k = 0`. */
  readonly quantity: string;
  /** The formula in symbols, e.g. `δ_k = (t_k − z_k) f'(net_k)`. */
  readonly formula: string;
  /** Every number the formula uses, in the order it uses them. */
  readonly operands: readonly WorkedOperand[];
  /** The formula with its operands written by `format`, e.g. `(1 − 0.4803) × 0.2496`. */
  readonly substitute: (format: (value: number) => string) => string;
  /** The result, computed from `operands` by the formula. */
  readonly value: number;
  /** What the result depends on, in the derivation's words. */
  readonly dependsOn: string;
  /**
   * The value bpnet carried or stored for the same element (e.g. g_k = −δ_k/N, the entry of `weights.grad`, the
   * weight after the step), for comparison; absent for the update when it was not applied.
   */
  readonly carried?: WorkedOperand;
}

/**
 * The worked elements of a three-layer trace (dense, activation, dense, activation, squared error): for sample
 * n = 0, output unit k = 0, hidden unit j = 1 (0 when there is one) and input i = 0,
 * - (10) δ_k = (t_k − z_k) f'(net_k), beside the carried g_k = −δ_k/N;
 * - (11) ∂J/∂w_kj = Σ_n g_nk y_nj, beside the stored entry [j][k] of W2's gradient;
 * - (12) δ_j = f'(net_j) Σ_k w_kj δ_k with W2 before the update, beside the carried g_j = −δ_j/N;
 * - (13) ∂J/∂w_ji = Σ_n g_nj x_ni, beside the stored entry [i][j] of W1's gradient;
 * - (6), (7) w ← w − η ∂J/∂w for w_kj and w_ji, beside the weight after the step when it was applied.
 * Every operand is read from the recorded pass and the parameters before the step.
 */
export function workedElements(
  network: Network,
  pass: RecordedPass,
  t: Matrix,
  before: readonly (readonly Matrix[])[],
  eta: number,
  applied: boolean,
): WorkedElement[] {
  const [first, hidden, , output] = pass.layers;
  const N = t.rows;
  const x = first.input,
    y = hidden.output,
    netJ = hidden.input,
    z = output.output,
    netK = output.input;
  const gK = output.inputSensitivity as Matrix,
    gJ = hidden.inputSensitivity as Matrix;
  const weights = (layer: number) => {
    const index = network.layers[layer].parameters().findIndex((p) => p.name === 'weights');
    const gradient = pass.layers[layer].gradients?.[index]?.gradient as Matrix;
    return { before: before[layer][index], gradient, after: network.layers[layer].parameters()[index].value };
  };
  const W1 = weights(0),
    W2 = weights(2);
  const fPrimeJ = derivative(network.layers[1] as ActivationLayer, netJ, y);
  const fPrimeK = derivative(network.layers[3] as ActivationLayer, netK, z);
  const n = 0,
    k = 0,
    j = Math.min(1, y.cols - 1),
    i = 0;
  const samples = Array.from({ length: N }, (_, m) => m);
  const units = Array.from({ length: z.cols }, (_, m) => m);
  const products = (pairs: readonly (readonly [WorkedOperand, WorkedOperand])[]) => ({
    operands: pairs.flat(),
    value: pairs.reduce((sum, [a, b]) => sum + a.value * b.value, 0),
    substitute: (format: (value: number) => string) =>
      pairs.map(([a, b]) => `${format(a.value)} × ${format(b.value)}`).join(' + '),
  });

  const deltaK = (m: number, unit: number) => -N * gK.get(m, unit);
  const t10 = { symbol: `t_k (n = ${n}, k = ${k})`, value: t.get(n, k) };
  const z10 = { symbol: `z_k (n = ${n}, k = ${k})`, value: z.get(n, k) };
  const f10 = { symbol: `f'(net_k) (n = ${n}, k = ${k})`, value: fPrimeK.get(n, k) };
  const delta10 = (t10.value - z10.value) * f10.value;
  const sum11 = products(
    samples.map((m) => [
      { symbol: `g_k (n = ${m}, k = ${k})`, value: gK.get(m, k) },
      { symbol: `y_j (n = ${m}, j = ${j})`, value: y.get(m, j) },
    ]),
  );
  const f12 = { symbol: `f'(net_j) (n = ${n}, j = ${j})`, value: fPrimeJ.get(n, j) };
  const sum12 = products(
    units.map((unit) => [
      { symbol: `w_kj (k = ${unit}, j = ${j}) = W2[${j}][${unit}] before the update`, value: W2.before.get(j, unit) },
      { symbol: `δ_k (n = ${n}, k = ${unit})`, value: deltaK(n, unit) },
    ]),
  );
  const sum13 = products(
    samples.map((m) => [
      { symbol: `g_j (n = ${m}, j = ${j})`, value: gJ.get(m, j) },
      { symbol: `x_i (n = ${m}, i = ${i})`, value: x.get(m, i) },
    ]),
  );
  const update = (
    w: string,
    indices: string,
    W: typeof W1,
    row: number,
    col: number,
    matrix: string,
  ): WorkedElement => {
    const old = {
      symbol: `${w} (${indices}) = ${matrix}[${row}][${col}] before the step`,
      value: W.before.get(row, col),
    };
    const rate = { symbol: 'η', value: eta };
    const gradient = { symbol: `∂J/∂${w} (${indices})`, value: W.gradient.get(row, col) };
    return {
      equation: '6, 7',
      quantity: `${w} for ${indices}`,
      formula: `${w} ← ${w} − η ∂J/∂${w}`,
      operands: [old, rate, gradient],
      substitute: (format) => `${format(old.value)} − ${format(eta)} × ${format(gradient.value)}`,
      value: old.value - eta * gradient.value,
      dependsOn:
        'the weight before the step and its gradient; every gradient of the step is computed before any weight changes',
      carried: applied
        ? { symbol: `${matrix}[${row}][${col}] after the step`, value: W.after.get(row, col) }
        : undefined,
    };
  };

  return [
    {
      equation: '10',
      quantity: `δ_k of sample n = ${n}, output unit k = ${k}`,
      formula: "δ_k = (t_k − z_k) f'(net_k)",
      operands: [t10, z10, f10],
      substitute: (format) => `(${format(t10.value)} − ${format(z10.value)}) × ${format(f10.value)}`,
      value: delta10,
      dependsOn:
        "the target t_k, the output z_k and the slope f'(net_k) of the forward pass (z_k(1 − z_k) for the sigmoid)",
      carried: { symbol: `g_k = −δ_k/N = ∂J/∂net_k (row ${n}, column ${k} of g_k above)`, value: gK.get(n, k) },
    },
    {
      equation: '11',
      quantity: `∂J/∂w_kj for k = ${k}, j = ${j} (the mean over the batch of the book's −δ_k y_j)`,
      formula: '∂J/∂w_kj = Σ_n g_nk y_nj',
      ...sum11,
      dependsOn: 'y_j from the forward pass and the net gradient g_k of the output layer, sample by sample',
      carried: { symbol: `∂J/∂w_kj as stored, entry [${j}][${k}] in W2's layout`, value: W2.gradient.get(j, k) },
    },
    {
      equation: '12',
      quantity: `δ_j of sample n = ${n}, hidden unit j = ${j}`,
      formula: "δ_j = f'(net_j) Σ_k w_kj δ_k",
      operands: [f12, ...sum12.operands],
      substitute: (format) => `${format(f12.value)} × (${sum12.substitute(format)})`,
      value: f12.value * sum12.value,
      dependsOn:
        "the slope f'(net_j) of the forward pass (y_j(1 − y_j) for the sigmoid), the weights W2 before the update " +
        'and the output sensitivities δ_k of the same sample',
      carried: { symbol: `g_j = −δ_j/N = ∂J/∂net_j (row ${n}, column ${j} of g_j above)`, value: gJ.get(n, j) },
    },
    {
      equation: '13',
      quantity: `∂J/∂w_ji for j = ${j}, i = ${i} (the mean over the batch of the book's −δ_j x_i)`,
      formula: '∂J/∂w_ji = Σ_n g_nj x_ni',
      ...sum13,
      dependsOn: 'the inputs x_i and the net gradient g_j of the hidden layer (which used W2 before the update)',
      carried: { symbol: `∂J/∂w_ji as stored, entry [${i}][${j}] in W1's layout`, value: W1.gradient.get(i, j) },
    },
    update('w_kj', `k = ${k}, j = ${j}`, W2, j, k, 'W2'),
    update('w_ji', `j = ${j}, i = ${i}`, W1, i, j, 'W1'),
  ];
}

/** f'(net) element by element, from the activation's own backward with ∂J/∂y = 1 (through y or through net). */
function derivative(layer: ActivationLayer, net: Matrix, output: Matrix): Matrix {
  const slope = net.clone();
  const { backward, backwardFromInput } = layer.activation;
  for (let index = 0; index < slope.data.length; index++) {
    slope.data[index] =
      backwardFromInput !== undefined
        ? backwardFromInput(1, net.data[index])
        : (backward as (s: number, y: number) => number)(1, output.data[index]);
  }
  return slope;
}
