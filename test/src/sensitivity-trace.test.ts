import { buildNetwork, Matrix } from '@bpnet/core';
import { type BatchTrace, formatTrace, type TracedRole, traceBatch } from '@bpnet/diagnostics';
import { describe, expect, it } from 'vitest';
import { snapshotParameters, threeLayerContainer, threeLayerNetwork } from './fixtures/three-layer.js';

const f = (u: number) => 1 / (1 + Math.exp(-u));
const range = (length: number) => Array.from({ length }, (_, index) => index);
/** As the trace prints a number: 4 significant digits, plain decimals. */
const printed = (value: number) => String(Number(value.toPrecision(4)));

describe('the sensitivity trace of one batch', () => {
  // The derivation's net with 2 inputs, 3 hidden units and 2 outputs, and chosen weights written in the BOOK's
  // indexing (first index: the unit fed): w_ji[j][i], w_kj[k][j]. bpnet stores the transposes, W1[i][j] = w_ji and
  // W2[j][k] = w_kj; with 3 hidden units the two layouts differ in shape, so a transposed label cannot pass.
  const wJI = [
    [0.5, 0.2],
    [-0.3, 0.8],
    [0.1, -0.4],
  ];
  const bJ = [0.1, -0.2, 0.05];
  const wKJ = [
    [1.0, 0.7, -0.6],
    [-1.5, 0.4, 0.9],
  ];
  const bK = [0.2, -0.1];
  const X = [
    [1, -2],
    [0.5, 0.25],
  ];
  const T = [
    [1, 0],
    [0, 1],
  ];
  const eta = 0.5;
  const N = X.length,
    d = 2,
    H = 3,
    c = 2;

  const network = threeLayerNetwork(threeLayerContainer(0), d, H, c, 'zeros');
  const [W1, b1, W2, b2] = network.parameters().map((p) => p.value);
  for (const i of range(d)) for (const j of range(H)) W1.set(i, j, wJI[j][i]);
  for (const j of range(H)) for (const k of range(c)) W2.set(j, k, wKJ[k][j]);
  b1.data.set(bJ);
  b2.data.set(bK);

  // The derivation by hand, sample by sample: (1)–(4) forward, (5) J, (10) δ_k, (12) δ_j, then the batch mean of
  // the book's per-sample gradients (11) −δ_k y_j and (13) −δ_j x_i, and (6), (7) the update.
  const netJ = X.map((x) => range(H).map((j) => wJI[j][0] * x[0] + wJI[j][1] * x[1] + bJ[j]));
  const y = netJ.map((row) => row.map(f));
  const netK = y.map((yn) => range(c).map((k) => range(H).reduce((sum, j) => sum + wKJ[k][j] * yn[j], bK[k])));
  const z = netK.map((row) => row.map(f));
  const J = range(N).reduce((sum, n) => sum + 0.5 * range(c).reduce((s, k) => s + (T[n][k] - z[n][k]) ** 2, 0), 0) / N;
  const deltaK = range(N).map((n) => range(c).map((k) => (T[n][k] - z[n][k]) * z[n][k] * (1 - z[n][k])));
  const deltaJ = range(N).map((n) =>
    range(H).map((j) => y[n][j] * (1 - y[n][j]) * range(c).reduce((s, k) => s + wKJ[k][j] * deltaK[n][k], 0)),
  );
  const gradKJ = range(c).map((k) => range(H).map((j) => range(N).reduce((s, n) => s - deltaK[n][k] * y[n][j], 0) / N));
  const gradJI = range(H).map((j) => range(d).map((i) => range(N).reduce((s, n) => s - deltaJ[n][j] * X[n][i], 0) / N));

  const before = snapshotParameters(network);
  const trace: BatchTrace = traceBatch(network, Matrix.fromRows(X), Matrix.fromRows(T), {
    learningRate: eta,
    apply: true,
  });
  const find = (layer: number, role: TracedRole, parameter?: string) => {
    const found = trace.layers[layer].quantities.find((q) => q.role === role && q.parameter === parameter);
    if (!found) throw new Error(`no ${role} ${parameter ?? ''} in layer ${layer}`);
    return found;
  };
  const expectMatrix = (actual: Matrix, expected: number[][]) => {
    expect([actual.rows, actual.cols]).toEqual([expected.length, expected[0].length]);
    for (const [r, row] of expected.entries()) {
      for (const [col, value] of row.entries()) expect(actual.get(r, col)).toBeCloseTo(value, 15);
    }
  };
  const transpose = (m: number[][]) => m[0].map((_, col) => m.map((row) => row[col]));

  it('records the inputs, targets, weights and biases before the step, weights in the layout W[i][j] = w_ji', () => {
    expectMatrix(find(0, 'input').value, X);
    expectMatrix(trace.targets, T);
    expect(trace.batchSize).toBe(2);
    expect(find(0, 'parameter', 'weights').symbol).toContain('W1[i][j] = w_ji');
    expectMatrix(find(0, 'parameter', 'weights').value, transpose(wJI));
    expectMatrix(find(0, 'parameter', 'bias').value, [bJ]);
    expect(find(2, 'parameter', 'weights').symbol).toContain('W2[j][k] = w_kj');
    expectMatrix(find(2, 'parameter', 'weights').value, transpose(wKJ));
    expectMatrix(find(2, 'parameter', 'bias').value, [bK]);
  });

  it('labels and records the forward quantities of equations (1)–(5), J the batch mean of ½‖t − z‖²', () => {
    expect(find(0, 'output').symbol).toMatch(/^net_j/);
    expectMatrix(find(0, 'output').value, netJ);
    expect(find(1, 'output').symbol).toMatch(/^y_j = f\(net_j\)/);
    expectMatrix(find(1, 'output').value, y);
    expectMatrix(find(2, 'output').value, netK);
    expect(find(3, 'output').symbol).toMatch(/^z_k = f\(net_k\)/);
    expectMatrix(find(3, 'output').value, z);
    expect(trace.loss).toBeCloseTo(J, 15);
    expect(trace.lossLabel).toBe('J = ½·mean‖t − z‖² over the batch of 2');
  });

  it('carries g = ∂J/∂net = −δ/N and shows the book’s δ of each sample beside it, (10) and (12)', () => {
    const gK = find(3, 'input-gradient');
    expect(gK.symbol).toMatch(/^g_k = ∂J\/∂net_k/);
    expectMatrix(
      gK.value,
      deltaK.map((row) => row.map((delta) => -delta / N)),
    );
    expectMatrix(
      find(2, 'output-gradient').value,
      deltaK.map((row) => row.map((delta) => -delta / N)),
    );
    expect(find(3, 'book-sensitivity').symbol).toMatch(/^δ_k = −N·g_k/);
    expectMatrix(find(3, 'book-sensitivity').value, deltaK);
    expectMatrix(
      find(1, 'input-gradient').value,
      deltaJ.map((row) => row.map((delta) => -delta / N)),
    );
    expect(find(1, 'book-sensitivity').symbol).toMatch(/^δ_j = −N·g_j/);
    expectMatrix(find(1, 'book-sensitivity').value, deltaJ);
  });

  it('gives the weight gradients of (11) and (13) in the weights’ layout, and the updates, applied', () => {
    expect(find(2, 'parameter-gradient', 'weights').symbol).toContain('row j, column k');
    expectMatrix(find(2, 'parameter-gradient', 'weights').value, transpose(gradKJ));
    expectMatrix(find(0, 'parameter-gradient', 'weights').value, transpose(gradJI));
    const afterW1 = transpose(wJI).map((row, i) => row.map((w, j) => w - eta * gradJI[j][i]));
    expectMatrix(
      find(0, 'update', 'weights').value,
      transpose(gradJI).map((row) => row.map((g) => -eta * g)),
    );
    expectMatrix(find(0, 'parameter-after', 'weights').value, afterW1);
    expectMatrix(W1, afterW1);
    expect(snapshotParameters(network)[1]).not.toEqual(before[1]); // the biases moved too
  });

  it('works one element of each of equations (10)–(13) and of the update from the trace’s numbers', () => {
    const [e10, e11, e12, e13, eKJ, eJI] = trace.worked;
    expect(trace.worked.map((e) => e.equation)).toEqual(['10', '11', '12', '13', '6, 7', '6, 7']);
    // (10) δ_k for n = 0, k = 0, from t, z and f'(net_k) = z(1 − z).
    expect(e10.operands.map((o) => o.value)).toEqual(
      [T[0][0], z[0][0], z[0][0] * (1 - z[0][0])].map((v) => expect.closeTo(v, 15)),
    );
    expect(e10.value).toBeCloseTo(deltaK[0][0], 15);
    expect(e10.carried?.value).toBeCloseTo(-deltaK[0][0] / N, 15);
    // (11) ∂J/∂w_kj for k = 0, j = 1: Σ_n g_n0 y_n1, i.e. the mean of −δ_k y_j.
    const g = (delta: number) => -delta / N;
    expect(e11.operands.map((o) => o.value)).toEqual(
      [g(deltaK[0][0]), y[0][1], g(deltaK[1][0]), y[1][1]].map((v) => expect.closeTo(v, 15)),
    );
    expect(e11.value).toBeCloseTo(gradKJ[0][1], 15);
    expect(e11.carried?.value).toBeCloseTo(gradKJ[0][1], 15);
    // (12) δ_j for n = 0, j = 1, with w_kj of W2 BEFORE the update and δ_k of the same sample.
    expect(e12.operands.map((o) => o.value)).toEqual(
      [y[0][1] * (1 - y[0][1]), wKJ[0][1], deltaK[0][0], wKJ[1][1], deltaK[0][1]].map((v) => expect.closeTo(v, 14)),
    );
    expect(e12.operands[1].symbol).toContain('before the update');
    expect(e12.value).toBeCloseTo(deltaJ[0][1], 15);
    expect(e12.carried?.value).toBeCloseTo(-deltaJ[0][1] / N, 15);
    // (13) ∂J/∂w_ji for j = 1, i = 0: Σ_n g_n1 x_n0.
    expect(e13.operands.map((o) => o.value)).toEqual(
      [g(deltaJ[0][1]), X[0][0], g(deltaJ[1][1]), X[1][0]].map((v) => expect.closeTo(v, 15)),
    );
    expect(e13.value).toBeCloseTo(gradJI[1][0], 15);
    // (6), (7): w ← w − η ∂J/∂w, and the network holds the result.
    expect(eKJ.value).toBeCloseTo(wKJ[0][1] - eta * gradKJ[0][1], 15);
    expect(eKJ.carried?.value).toBe(W2.get(1, 0));
    expect(eJI.value).toBeCloseTo(wJI[1][0] - eta * gradJI[1][0], 15);
    expect(eJI.carried?.value).toBe(W1.get(0, 1));
  });

  it('prints the layout, the sections from before the step to the worked elements, backward from the top', () => {
    const text = formatTrace(trace);
    const at = (fragment: string) => {
      const index = text.indexOf(fragment);
      expect(index, fragment).toBeGreaterThanOrEqual(0);
      return index;
    };
    at('W1[i][j] = w_ji, W2[j][k] = w_kj');
    at('g = ∂J/∂net');
    const order = [
      'Before the step',
      'Forward',
      'J = ½·mean‖t − z‖² over the batch of 2',
      'Backward, from the output layer down',
      'g_k = ∂J/∂net_k',
      'δ_k = −N·g_k',
      '∂J/∂w_kj',
      'g_j = ∂J/∂net_j',
      'δ_j = −N·g_j',
      '∂J/∂w_ji',
      'Update',
      'Worked by hand',
    ];
    const positions = order.map(at);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(text).toContain(`: ${J.toPrecision(6)}`);
    expect(text).not.toMatch(/∂J\/∂net_[jk] = −δ/); // the carried g is −δ/N, not −δ
    // The worked numbers as printed, from the hand computation above.
    const worked = text.slice(at('Worked by hand'));
    const parenthesized = (v: number) => (v < 0 ? `(${printed(v)})` : printed(v));
    expect(worked).toContain(
      `= (1 − ${printed(z[0][0])}) × ${printed(z[0][0] * (1 - z[0][0]))} = ${printed(deltaK[0][0])}`,
    );
    expect(worked).toContain(`= ${printed(gradKJ[0][1])}`);
    expect(worked).toContain(`${parenthesized(wKJ[0][1])} × ${parenthesized(deltaK[0][0])}`);
    expect(worked).toContain(`= ${printed(deltaJ[0][1])}`);
    expect(worked).toContain(`= ${printed(gradJI[1][0])}`);
    expect(worked).toContain(`= ${printed(wKJ[0][1] - eta * gradKJ[0][1])}`);
  });
});

describe('the trace of a network without the three-layer shape', () => {
  it('names each quantity by its layer, works no elements and labels the loss by its kind', () => {
    const network = buildNetwork(threeLayerContainer(3), {
      inputSize: 2,
      layers: [{ kind: 'dense', units: 3 }],
      loss: { kind: 'squared-error' },
    });
    const trace = traceBatch(
      network,
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [0, 2, 1],
      { learningRate: 0.1 },
    );
    expect(trace.worked).toEqual([]);
    expect(trace.applied).toBe(false);
    expect(trace.lossLabel).toBe('J = ½·mean‖t − z‖² over the batch of 3');
    expect(trace.layers[0].quantities.map((q) => q.symbol)).toContain('∂J/∂layers[0].weights');
    expect(formatTrace(trace)).not.toContain('Worked by hand');
  });

  it('refuses a learning rate that is not a finite number', () => {
    const network = threeLayerNetwork(threeLayerContainer(0), 2, 2, 2);
    expect(() => traceBatch(network, [[1, 2]], [0], { learningRate: Number.NaN })).toThrow(
      'traceBatch: learningRate is NaN; expected a finite number',
    );
  });
});
