import { expect, it } from 'vitest';
import { runTraceExample } from './trace-example.js';

it('traces the derivation: ∂J/∂net_j is f\'(net_j) times the sum of what flows back', () => {
  const trace = runTraceExample();
  const find = (layer: number, prefix: string) => trace.layers[layer].quantities.find((q) => q.symbol.startsWith(prefix))!.value;
  const y = find(1, 'y_j');
  const flowingBack = find(1, '∂J/∂y_j');
  const netJSensitivity = find(1, '∂J/∂net_j');
  netJSensitivity.data.forEach((value, i) => expect(value).toBeCloseTo(y.data[i] * (1 - y.data[i]) * flowingBack.data[i], 15)); // (12)
  expect(trace.applied).toBe(true);
  expect(trace.layers.map((layer) => layer.kind)).toEqual(['dense', 'sigmoid', 'dense', 'sigmoid']);
});
