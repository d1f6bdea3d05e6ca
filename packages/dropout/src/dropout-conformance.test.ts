import { assertConformance, checkLayerConformance } from '@bpnet/core/testing';
import { WasmKernels } from '@bpnet/wasm';
import { expect, it } from 'vitest';
import { dropoutRegistration } from './dropout-layer.js';

// Per setting (config × input size × batch size): 1 'state is not trainable' check, then per phase one gradient
// comparison (the input's: no parameters) and the checks 'backward keeps its arguments', 'forward is deterministic',
// 'backward adds into gradients', 'state changes only in a training forward', 'save and load' and
// 'backwardParameters matches backward' (6), plus 'batch equals sum of samples' in inference only (a stochastic
// layer's draws follow positions, so the kit skips it in training, and skips 'batch rows permute' too).
// Training adds 'stochastic layers draw in training'. Training: 1 + 6 + 1 = 8, inference: 1 + 6 + 1 = 8; per
// setting 1 + 8 + 8 = 17.
// Settings: 3 example configs (rate 0.5, 0.2, 0) × 2 input sizes (1, 4) × 2 batch sizes (1, 5) = 12.
const EXPECTED_CHECKS = 3 * 2 * 2 * (1 + 8 + 8);

it('dropout passes the conformance kit on its example configs', () => {
  expect(dropoutRegistration.examples?.map((config) => config.rate)).toEqual([0.5, 0.2, 0]);
  const report = checkLayerConformance(dropoutRegistration);
  assertConformance(report);
  expect(report.checks).toBe(EXPECTED_CHECKS);
});

it('dropout passes the conformance kit with the wasm kernels in float64', () => {
  const report = checkLayerConformance(dropoutRegistration, { kernels: new WasmKernels() });
  assertConformance(report);
  expect(report.checks).toBe(EXPECTED_CHECKS);
});
