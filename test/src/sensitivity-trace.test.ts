import { Matrix } from '@bpnet/core';
import { formatTrace, traceBatch } from '@bpnet/diagnostics';
import { describe, expect, it } from 'vitest';
import { snapshotParameters, threeLayerContainer, threeLayerNetwork } from './three-layer-fixture.js';

const f = (x: number) => 1 / (1 + Math.exp(-x));

describe('the sensitivity trace of one batch', () => {
  // A 2-2-2 net with chosen weights; biases zero (the derivation leaves them out). One sample: x = (1, −2), t = (1, 0).
  const network = threeLayerNetwork(threeLayerContainer(0), 2, 2, 2, 'zeros');
  const [W1, , W2] = network.parameters().map((p) => p.value);
  W1.data.set([0.5, -0.3, 0.2, 0.8]); // w_ji stored as W1[i][j]
  W2.data.set([1.0, -1.5, 0.7, 0.4]); // w_kj stored as W2[j][k]
  const x = [1, -2];
  const t = [1, 0];
  const eta = 0.5;

  // The derivation, by hand: (1)–(4) forward, (10) δ_k, (11) ∂J/∂w_kj, (12) δ_j, (13) ∂J/∂w_ji.
  const netJ = [0, 1].map((j) => x[0] * W1.get(0, j) + x[1] * W1.get(1, j));
  const y = netJ.map(f);
  const netK = [0, 1].map((k) => y[0] * W2.get(0, k) + y[1] * W2.get(1, k));
  const z = netK.map(f);
  const deltaK = [0, 1].map((k) => (t[k] - z[k]) * z[k] * (1 - z[k])); // (10) δ_k = (t_k − z_k) f'(net_k)
  const deltaJ = [0, 1].map((j) => y[j] * (1 - y[j]) * (W2.get(j, 0) * deltaK[0] + W2.get(j, 1) * deltaK[1])); // (12)

  // The trace, with its update applied afterwards (the hand values above use the weights before it).
  const before = snapshotParameters(network);
  const trace = traceBatch(network, Matrix.fromRows([x]), Matrix.fromRows([t]), { learningRate: eta, apply: true });
  const quantity = (layer: number, symbol: string) => {
    const found = trace.layers[layer].quantities.find((q) => q.symbol.startsWith(symbol));
    if (!found) throw new Error(`no ${symbol} in layer ${layer}`);
    return found.value.data; // one sample: activations are one row; gradients are whole matrices, row-major
  };

  it('labels and records the forward quantities of equations (1)–(4)', () => {
    expect(Array.from(quantity(0, 'x_i'))).toEqual(x);
    expect(quantity(0, 'net_j')[0]).toBeCloseTo(netJ[0], 15);
    expect(quantity(1, 'y_j')[1]).toBeCloseTo(y[1], 15);
    expect(quantity(2, 'net_k')[0]).toBeCloseTo(netK[0], 15);
    expect(quantity(3, 'z_k')[1]).toBeCloseTo(z[1], 15);
    expect(trace.loss).toBeCloseTo(0.5 * ((t[0] - z[0]) ** 2 + (t[1] - z[1]) ** 2), 15); // (5)
  });

  it('carries the sensitivities of equations (10) and (12), as −δ', () => {
    [0, 1].forEach((k) => expect(quantity(3, '∂J/∂net_k')[k]).toBeCloseTo(-deltaK[k], 15));
    [0, 1].forEach((k) => expect(quantity(2, '∂J/∂net_k')[k]).toBeCloseTo(-deltaK[k], 15));
    [0, 1].forEach((j) => expect(quantity(1, '∂J/∂net_j')[j]).toBeCloseTo(-deltaJ[j], 15));
  });

  it('gives the weight gradients of equations (11) and (13) and their updates, applied', () => {
    const gradW2 = quantity(2, '∂J/∂w_kj'); // row-major W2[j][k]
    const gradW1 = quantity(0, '∂J/∂w_ji'); // row-major W1[i][j]
    for (const j of [0, 1]) for (const k of [0, 1]) expect(gradW2[j * 2 + k]).toBeCloseTo(-deltaK[k] * y[j], 15); // (11)
    for (const i of [0, 1]) for (const j of [0, 1]) expect(gradW1[i * 2 + j]).toBeCloseTo(-deltaJ[j] * x[i], 15); // (13)
    const updateW1 = quantity(0, 'Δw_ji');
    updateW1.forEach((update, index) => expect(update).toBeCloseTo(eta * -gradW1[index], 15));
    expect(snapshotParameters(network)[0]).toEqual(before[0].map((w, index) => w + updateW1[index]));
  });

  it('prints every quantity with its symbol', () => {
    const text = formatTrace(trace);
    for (const symbol of ['x_i', 'net_j', 'y_j = f(net_j)', 'net_k', 'z_k = f(net_k)', '∂J/∂net_k = −δ_k', '∂J/∂net_j = −δ_j', '∂J/∂w_kj', '∂J/∂w_ji', 'Δw_ji']) {
      expect(text).toContain(symbol);
    }
  });
});
