import { formatTrace } from '@bpnet/diagnostics';
import { expect, it } from 'vitest';
import { runTraceExample } from './trace-example.js';

it("traces the derivation: g_j = ∂J/∂net_j is f'(net_j) times the sum of what flows back, δ_j = −N·g_j", () => {
  const trace = runTraceExample();
  const find = (layer: number, role: string) => {
    const found = trace.layers[layer].quantities.find((q) => q.role === role);
    if (found === undefined) throw new Error(`no ${role} in layers[${layer}]`);
    return found.value;
  };
  const y = find(1, 'output');
  const flowingBack = find(1, 'output-gradient'); // ∂J/∂y_j = Σ_k w_kj g_k
  const gJ = find(1, 'input-gradient');
  const deltaJ = find(1, 'book-sensitivity');
  gJ.data.forEach((g, i) => {
    expect(g).toBeCloseTo(y.data[i] * (1 - y.data[i]) * flowingBack.data[i], 15); // (12), as bpnet carries it
    expect(deltaJ.data[i]).toBe(-2 * g); // N = 2 samples
  });
  expect(trace.applied).toBe(true);
  expect(trace.batchSize).toBe(2);
  expect(trace.layers.map((layer) => layer.kind)).toEqual(['dense', 'sigmoid', 'dense', 'sigmoid']);
  expect(trace.worked.map((element) => element.equation)).toEqual(['10', '11', '12', '13', '6, 7', '6, 7']);
  expect(formatTrace(trace)).toContain('J = ½·mean‖t − z‖² over the batch of 2 (equation 5, averaged): 0.272137');
});
